"""Schema-driven GraphQL fuzzing of a running psz-monitor (driven by scripts/fuzz.sh).

Generates queries and mutations from the server's introspected schema with hypothesis-graphql
(valid operations, and operations with one schema violation), plus malformed requests at the
HTTP level, and sends them anonymously and signed in as each role. Every answer is checked:

- the connection is not dropped and the answer comes within the client timeout;
- the HTTP status is not 5xx, unless the body is JSON whose errors are all `INTERNAL`
  (deliberate; counted separately, and a failure too unless FUZZ_ALLOW_INTERNAL=1);
- the body is JSON, and every element of `errors` has a string `extensions.code`.

String and integer arguments whose names the server looks records up by (`code`, `plan`,
`id`, `version`, dates …) are, most of the time, replaced by real values read from the server
first, so that generated requests reach past "not found" into the resolvers and the writes.

Prints one summary line and exits 1 on any failure. Failing requests are written to
--failures (JSON lines), the shortest of each kind printed.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import http.client
import glob
import json
import multiprocessing
import os
import random
import socket
import sys
import time
import urllib.parse

import graphql
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

# Mutations never generated: they would sign the fuzzing accounts out, or rate-limit them.
# (`updateUser` is fuzzed separately, only against accounts made to be its victims.)
EXCLUDED_MUTATIONS = {"login", "logout", "updateUser"}

CLIENT_TIMEOUT = 30.0
PASSWORD = "fuzz-password-123456"


class Client:
    """One keep-alive HTTP connection with a cookie jar and a CSRF token."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}
        self.csrf: str | None = None
        self.retries = 0

    def _connect(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=CLIENT_TIMEOUT)
            self.conn.connect()
            self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """Sends one request; raises ConnectionError-like exceptions when the connection drops."""
        h = {"Accept": "application/json"}
        if body is not None:
            h["Content-Type"] = "application/json"
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if headers:
            h.update(headers)
        for attempt in (1, 2):
            reused = self.conn is not None
            conn = self._connect()
            try:
                try:
                    conn.request(method, path, body=body, headers=h)
                except (BrokenPipeError, ConnectionResetError):
                    # A server may answer before it has read the whole body (413) and close the
                    # connection: read that answer.
                    pass
                resp = conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if reused and attempt == 1:
                    # The server may close an idle keep-alive connection at any time (hyper does
                    # after a refused body): retry once on a new one, as HTTP clients do.
                    self.retries += 1
                    continue
                raise
            except BaseException:
                self.close()
                raise
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                k, _, v = pair.partition("=")
                if "max-age=0" in value.lower() or not v:
                    self.cookies.pop(k.strip(), None)
                else:
                    self.cookies[k.strip()] = v.strip()
        if resp.getheader("Connection", "").lower() == "close" or resp.will_close:
            self.close()
        return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), data

    def graphql(self, query: str, variables: dict | None = None, csrf: bool = True) -> dict:
        """A request the fuzzer itself needs to succeed (setup); raises on any error."""
        payload = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        headers = {"X-PSZ-CSRF": self.csrf or "any"} if csrf else {}
        status, _, data = self.request("POST", "/graphql", json.dumps(payload).encode(), headers)
        body = json.loads(data)
        if status != 200 or body.get("errors"):
            raise RuntimeError(f"setup request failed ({status}): {query[:120]} -> {data[:500]!r}")
        return body["data"]

    def login(self, email: str, password: str) -> None:
        self.cookies.clear()
        self.csrf = None
        data = self.graphql(
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { csrfToken } }",
            {"e": email, "p": password},
        )
        self.csrf = data["login"]["csrfToken"]


class Stats:
    def __init__(self, failures_path: str):
        self.cases = 0
        self.ok = 0
        self.codes: collections.Counter[str] = collections.Counter()
        self.statuses: collections.Counter[int] = collections.Counter()
        self.server_errors = 0  # 5xx other than a deliberate INTERNAL
        self.internal = 0  # answers carrying an INTERNAL code (any status)
        self.missing_code = 0
        self.not_json = 0
        self.dropped = 0
        self.relogins = 0
        self.retries = 0  # keep-alive connections found closed, request sent again
        self.pages = 0  # GET /graphql answered with GraphiQL
        self.request_secs = 0.0
        self.by_segment: collections.Counter[str] = collections.Counter()
        self.shortest: dict[str, dict] = {}  # kind -> shortest failing case
        self.failures_path = failures_path
        self.failures_file = None

    def fail(self, kind: str, segment: str, request: dict, status, body: bytes | str) -> None:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        record = {"kind": kind, "segment": segment, "status": status,
                  "request": request, "response": text[:2000]}
        if self.failures_file is None:
            self.failures_file = open(self.failures_path, "a", encoding="utf-8")
        self.failures_file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.failures_file.flush()
        size = len(json.dumps(request))
        old = self.shortest.get(kind)
        if old is None or size < old["size"]:
            self.shortest[kind] = dict(record, size=size)

    def detach(self) -> "Stats":
        """Ready to be sent to the parent process."""
        if self.failures_file is not None:
            self.failures_file.close()
            self.failures_file = None
        return self

    def merge(self, other: "Stats") -> None:
        for name in ("cases", "ok", "server_errors", "internal", "missing_code", "not_json",
                     "dropped", "relogins", "pages", "retries"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.request_secs = max(self.request_secs, other.request_secs)
        for name in ("codes", "statuses", "by_segment"):
            getattr(self, name).update(getattr(other, name))
        for kind, rec in other.shortest.items():
            if kind not in self.shortest or rec["size"] < self.shortest[kind]["size"]:
                self.shortest[kind] = rec


class Fuzzer:
    def __init__(self, args):
        self.args = args
        u = urllib.parse.urlsplit(args.url)
        self.host, self.port = u.hostname, u.port or 80
        self.stats = Stats(args.failures)
        self.rng = random.Random(args.seed)
        self.pools: dict[str, list] = {}
        self.clients: dict[str, Client] = {}
        self.accounts: dict[str, tuple[str, str]] = {}
        self.victims: list[tuple[int, int]] = []

    # --- setup -------------------------------------------------------------------------
    def setup(self) -> None:
        anon = Client(self.host, self.port)
        intro = anon.graphql(graphql.get_introspection_query(descriptions=False), csrf=False)
        self.schema = graphql.build_client_schema(intro)
        admin = Client(self.host, self.port)
        admin.login(self.args.admin_email, self.args.admin_password)
        self.accounts["admin"] = (self.args.admin_email, self.args.admin_password)
        self.harvest(admin)
        orgs = self.pools["organisation"] or [1]
        slug = (self.pools["plan"] or ["ostrava"])[0]
        create = ("mutation($i: CreateUserInput!) { createUser(input: $i) { id version } }")
        for role, extra in [("coordinator", {"plans": [slug]}),
                            ("implementer", {"organisations": [orgs[0]]}),
                            ("viewer", {})]:
            email = f"{role}@fuzz.test"
            admin.graphql(create, {"i": dict({"email": email, "name": f"Fuzz {role}",
                                              "password": PASSWORD, "role": role.upper()}, **extra)})
            self.accounts[role] = (email, PASSWORD)
        # Accounts that the updateUser fuzzing may rename, demote, deactivate or re-password.
        for n in range(3):
            u = admin.graphql(create, {"i": {"email": f"victim{n}@fuzz.test", "name": f"Victim {n}",
                                             "password": PASSWORD, "role": "VIEWER"}})
            self.victims.append((u["createUser"]["id"], u["createUser"]["version"]))
        anon.close()
        admin.close()

    def sign_in(self) -> None:
        """This process's own connections: anonymous, and one signed in per role."""
        self.clients = {"anonymous": Client(self.host, self.port)}
        for role in ("admin", "coordinator", "implementer", "viewer"):
            c = Client(self.host, self.port)
            c.login(*self.accounts[role])
            self.clients[role] = c

    def harvest(self, client: Client) -> None:
        """Real values to put into generated arguments, read from the server."""
        pools: dict[str, set] = collections.defaultdict(set)
        harvest_queries = [
            "{ plans { slug } plan { organisations { id } conflicts { id version subjectCode statements { id } } } }",
            "{ plan { globalIndicators { values { id version } } actionPlans { milestones { id version } risks { id version } } } }",
            "{ plan { areas { code strategicGoals { code specificGoals { code"
            " impactIndicators { id version values { id version } } summaries { id version year } } } } } }",
            "{ measures { id version code statuses { id version } projects { id version registrationNumber } } }",
        ]
        data = []
        for q in harvest_queries:
            try:
                data.append(client.graphql(q))
            except Exception as e:  # the schema moved on: fuzz with fewer real values
                print(f"fuzz: harvesting values failed: {e}", file=sys.stderr)

        def walk(node, parent=""):
            if isinstance(node, dict):
                for k, v in node.items():
                    if isinstance(v, (dict, list)):
                        walk(v, k)
                    elif k in ("code", "subjectCode", "slug") and isinstance(v, str):
                        pools["code" if k != "slug" else "plan"].add(v)
                    elif k in ("id", "version", "year") and isinstance(v, int):
                        pools[k].add(v)
                        if k == "id" and parent == "organisations":
                            pools["organisation"].add(v)
                        if k == "id" and parent == "impactIndicators":
                            pools["indicator"].add(v)
                        if k == "id" and parent == "statements":
                            pools["statement"].add(v)
                    elif k == "registrationNumber" and isinstance(v, str):
                        pools["registration"].add(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v, parent)

        walk(data)
        self.pools = {k: sorted(v) for k, v in pools.items()}
        for k in ("plan", "code", "id", "version", "organisation", "indicator", "statement",
                  "year", "registration"):
            self.pools.setdefault(k, [])
        self.pools["plan"] = sorted(set(self.pools["plan"]) | {"ostrava"})

    # --- argument values ---------------------------------------------------------------
    STRING_POOLS = {
        "plan": "plan", "slug": "plan", "plans": "plan",
        "code": "code", "specificGoal": "code", "measure": "code", "subjectCode": "code",
        "area": "code", "registrationNumber": "registration",
    }
    INT_POOLS = {
        "id": "id", "version": "version", "indicatorId": "indicator", "statementId": "statement",
        "organisationId": "organisation", "organisations": "organisation", "year": "year",
    }
    FIXED = {
        "refDate": ["2026-06-30", "2025-12-31", "2022-01-01", "2027-12-31", "2026-02-30", "26-6-30"],
        "periodFrom": ["2023-01-01", "2024-07", "2025", "2022-01-01"],
        "periodTo": ["2026-12-31", "2027-06", "2027", "2021-01-01"],
        "asOf": ["2025-06-30", "2022-01-01", "2030-01-01"],
        "entity": ["indicator_value", "measure", "measure_status", "project", "summary", "risk",
                   "milestone", "global_indicator_value", "impact_indicator", "conflict",
                   "internal_note", "user_account", "session", "login_failure", "sqlite_master"],
        "subjectType": ["measure", "specific_goal", "indicator", "action_plan", "risk", "area"],
        "field": ["estimated_cost", "name", "target", "value", "funding"],
        "budget": ["12170133.36", "12 170 133,36 Kč", "0", "-1", "1e308", "NaN"],
        "estimatedCost": ["12170133.36", "1 000 000 Kč", "0", "-5", "1e400"],
        "email": ["admin@fuzz.test", "viewer@fuzz.test", "new@fuzz.test", "x@y"],
        "text": ["bydleni", "%", "_", "\\", "Bydlení a zaměstnanost"],
        "probability": [1, 3, 5, 0, 6],
        "impact": [1, 3, 5, 0, 6],
    }

    def rewrite(self, doc: graphql.DocumentNode, rnd: random.Random) -> graphql.DocumentNode:
        """A copy of a generated document with real values in some named arguments."""
        fuzzer = self

        class Rewriter(graphql.Visitor):
            def __init__(self):
                super().__init__()
                self.fields: list[str] = []

            def enter_field(self, node, *_):
                self.fields.append(node.name.value)

            def leave_field(self, node, *_):
                self.fields.pop()

            def enter_argument(self, node, *_):
                return self.fix(node)

            def enter_object_field(self, node, *_):
                return self.fix(node)

            def fix(self, node):
                field = self.fields[-1] if self.fields else ""
                value = fuzzer.new_value(node.value, node.name.value, rnd, field)
                return None if value is None else dataclasses.replace(node, value=value)

        return graphql.visit(doc, Rewriter())

    def new_value(self, value, name: str, rnd: random.Random, field_name: str):
        """A real value for an argument or input field `name`, or None to keep the generated one."""
        if field_name == "updateUser" and name == "id" and isinstance(value, graphql.IntValueNode):
            # Always: the fuzzing accounts must keep their passwords, roles and sessions.
            return graphql.IntValueNode(value=str(rnd.choice(self.victims)[0]))
        if rnd.random() < 0.2:
            return None
        if isinstance(value, graphql.ListValueNode):
            items = [self.new_value(v, name, rnd, field_name) or v for v in value.values]
            return graphql.ListValueNode(values=tuple(items))
        choices = None
        if name in self.FIXED:
            choices = self.FIXED[name]
        elif isinstance(value, graphql.StringValueNode) and name in self.STRING_POOLS:
            choices = self.pools.get(self.STRING_POOLS[name])
        elif isinstance(value, graphql.IntValueNode) and name in self.INT_POOLS:
            choices = self.pools.get(self.INT_POOLS[name])
            if name == "version":
                choices = (choices or []) + [0, 1, 2, 3]
        if not choices:
            return None
        pick = rnd.choice(choices)
        if isinstance(value, graphql.StringValueNode) and isinstance(pick, str):
            return graphql.StringValueNode(value=pick)
        if isinstance(value, graphql.IntValueNode) and isinstance(pick, int):
            return graphql.IntValueNode(value=str(pick))
        return None

    # --- sending and checking ------------------------------------------------------------
    def send(self, segment: str, role: str, method: str, path: str, body: bytes | None,
             headers: dict[str, str] | None, request_record: dict) -> dict | None:
        st_ = self.stats
        st_.cases += 1
        st_.by_segment[segment] += 1
        client = self.clients[role]
        t0 = time.monotonic()
        try:
            status, resp_headers, data = client.request(method, path, body, headers)
            st_.request_secs += time.monotonic() - t0
        except (OSError, http.client.HTTPException) as e:
            st_.dropped += 1
            st_.fail("dropped connection", segment, request_record, None, f"{type(e).__name__}: {e}")
            self.wait_alive()
            return None
        st_.statuses[status] += 1
        if method == "GET" and resp_headers.get("content-type", "").startswith("text/html"):
            # GET /graphql is GraphiQL whatever the query string says: a page, not an answer.
            st_.pages += 1
            return None
        try:
            answer = json.loads(data)
        except ValueError:
            st_.not_json += 1
            st_.fail(f"not JSON (HTTP {status})", segment, request_record, status, data)
            if status >= 500:
                st_.server_errors += 1
            return None
        errors = answer.get("errors") if isinstance(answer, dict) else None
        if isinstance(answer, list):  # a batch answer
            errors = [e for a in answer if isinstance(a, dict) for e in (a.get("errors") or [])]
        codes = []
        missing = False
        if errors is not None and not isinstance(errors, list):
            missing = True
        for e in errors or []:
            code = e.get("extensions", {}).get("code") if isinstance(e, dict) else None
            if isinstance(code, str):
                codes.append(code)
            else:
                missing = True
        for c in codes:
            st_.codes[c] += 1
        if not codes and not missing:
            st_.ok += 1
        if missing:
            st_.missing_code += 1
            st_.fail(f"error without a code (HTTP {status})", segment, request_record, status, data)
        if "INTERNAL" in codes:
            st_.internal += 1
            st_.fail(f"INTERNAL (HTTP {status})", segment, request_record, status, data)
        if status >= 500 and not (codes and all(c == "INTERNAL" for c in codes)):
            st_.server_errors += 1
            st_.fail(f"HTTP {status} {','.join(sorted(set(codes)))}", segment, request_record,
                     status, data)
        if role != "anonymous" and "UNAUTHENTICATED" in codes:
            self.relogin(role)
        return answer

    def wait_alive(self) -> None:
        """After a dropped connection, give a crashed or stuck server a moment before going on."""
        for _ in range(50):
            try:
                c = Client(self.host, self.port)
                status, _, _ = c.request("GET", "/health")
                c.close()
                if status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        raise SystemExit("fuzz: the server no longer answers /health")

    def relogin(self, role: str) -> None:
        self.stats.relogins += 1
        self.clients[role].login(*self.accounts[role])

    def check_session(self, role: str) -> None:
        """The fuzzing must not have signed the role out or changed it: re-login if so."""
        if role == "anonymous":
            return
        c = self.clients[role]
        try:
            me = c.graphql("{ me { role } }")["me"]
        except Exception:
            me = None
        if not me or me.get("role", "").lower() != role:
            self.relogin(role)

    def post_graphql(self, segment: str, role: str, query: str, mutation: bool) -> None:
        headers = {}
        client = self.clients[role]
        if mutation and role != "anonymous":
            headers["X-PSZ-CSRF"] = client.csrf or "any"
        elif mutation and self.rng.random() < 0.5:
            headers["X-PSZ-CSRF"] = "any"
        payload = {"query": query}
        self.send(segment, role, "POST", "/graphql", json.dumps(payload).encode(), headers,
                  {"role": role, "headers": headers, "body": payload})

    # --- segments ------------------------------------------------------------------------
    def run_operations(self, segment: str, role: str, mutation: bool, mode: Mode, n: int,
                       fields=None) -> None:
        if n <= 0:
            return
        make = mutations if mutation else queries
        strategy = make(self.schema, fields=fields, mode=mode, print_ast=lambda d: d)
        start = self.stats.by_segment[segment]
        rounds = 0
        while self.stats.by_segment[segment] - start < n and rounds < 20:
            rounds += 1
            left = n - (self.stats.by_segment[segment] - start)

            @settings(max_examples=left, database=None, deadline=None, phases=[Phase.generate],
                      suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet)
            @hypothesis_seed(self.rng.getrandbits(64))
            @given(doc=strategy, rnd=st.randoms(use_true_random=False))
            def case(doc, rnd):
                if self.stats.by_segment[segment] - start >= n:
                    return
                doc = self.rewrite(doc, rnd)
                self.post_graphql(segment, role, graphql.print_ast(doc), mutation)
                if self.stats.by_segment[segment] % 250 == 0:
                    self.check_session(role)

            case()
        self.check_session(role)

    def run_protocol(self, n: int) -> None:
        """Malformed requests: odd JSON bodies, batches, variables, GET, wrong content types."""
        if n <= 0:
            return
        segment = "anonymous/protocol"
        json_values = st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
            max_leaves=12,
        )
        simple_queries = queries(self.schema, fields=["plan", "me", "measures", "search"])
        keys = st.sampled_from(["query", "variables", "operationName", "extensions"])
        body = st.one_of(
            st.dictionaries(keys, json_values, max_size=4),
            st.builds(lambda q, v, o: {"query": q, "variables": v, "operationName": o},
                      simple_queries, json_values, st.none() | st.text(max_size=10)),
            st.lists(st.builds(lambda q: {"query": q}, simple_queries), max_size=5),  # batch
            json_values,
        )
        raw = st.one_of(body.map(lambda b: json.dumps(b).encode()), st.binary(max_size=200),
                        st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
        shape = st.sampled_from(["post", "post", "post", "get", "text/plain", "form", "huge", "cookie"])
        start = self.stats.by_segment[segment]

        @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet)
        @hypothesis_seed(self.rng.getrandbits(64))
        @given(data=raw, shape=shape, q=simple_queries)
        def case(data, shape, q):
            if self.stats.by_segment[segment] - start >= n:
                return
            headers: dict[str, str] = {}
            path, method, payload = "/graphql", "POST", data
            if shape == "get":
                method, payload = "GET", None
                path = "/graphql?" + urllib.parse.urlencode({"query": q})
            elif shape == "text/plain":
                headers["Content-Type"] = "text/plain"
            elif shape == "form":
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            elif shape == "cookie":  # a planted or stale session cookie is anonymous
                payload = json.dumps({"query": q}).encode()
                headers["Cookie"] = "psz_session=" + data.hex()[:64] + "; psz_staff=1"
            elif shape == "huge":
                payload = json.dumps({"query": q + " " * (70 * 1024)}).encode()
            record = {"role": "anonymous", "method": method, "path": path, "headers": headers,
                      "body": payload.decode("utf-8", "replace")[:4000] if payload else None}
            if shape == "get":
                headers["Accept"] = "application/json"
            self.send(segment, "anonymous", method, path, payload, headers, record)

        case()

    def run_worker(self, worker: int, total: int) -> Stats:
        """One process's share of the cases, with its own seed and failures file."""
        self.rng = random.Random(self.args.seed * 1000 + worker)
        self.stats = Stats(f"{self.args.failures}.{worker}")
        self.sign_in()
        self.run(total)
        self.stats.retries = sum(c.retries for c in self.clients.values())
        for c in self.clients.values():
            c.close()
        return self.stats.detach()

    def run(self, total: int) -> None:
        roles = ["admin", "coordinator", "implementer", "viewer"]
        mutation_fields = [f for f in self.schema.mutation_type.fields if f not in EXCLUDED_MUTATIONS]
        # Shares of the cases: (segment, role, mutation, mode, weight, fields)
        plan = [("anonymous/query", "anonymous", False, Mode.POSITIVE, 3.0, None),
                ("anonymous/query-invalid", "anonymous", False, Mode.NEGATIVE, 1.0, None),
                ("anonymous/mutation", "anonymous", True, Mode.POSITIVE, 1.0, mutation_fields)]
        for role in roles:
            plan += [(f"{role}/query", role, False, Mode.POSITIVE, 1.0, None),
                     (f"{role}/mutation", role, True, Mode.POSITIVE, 2.5, mutation_fields),
                     (f"{role}/mutation-invalid", role, True, Mode.NEGATIVE, 0.5, mutation_fields)]
        plan.append(("admin/updateUser", "admin", True, Mode.POSITIVE, 0.3, ["updateUser"]))
        weights = [1.5] + [p[4] for p in plan]  # the protocol segment first
        total_weight = sum(weights)
        shares, cumulative = [], 0.0
        for w in weights:  # exact: the shares add up to `total`
            shares.append(round(total * (cumulative + w) / total_weight) - round(total * cumulative / total_weight))
            cumulative += w
        started = time.monotonic()
        self.run_protocol(shares[0])
        for (segment, role, mutation, mode, _, fields), n in zip(plan, shares[1:]):
            self.run_operations(segment, role, mutation, mode, n, fields)
            if self.args.verbose and self.args.jobs == 1:
                print(f"fuzz: {segment}: {self.stats.by_segment[segment]} cases, "
                      f"{time.monotonic() - started:.0f} s", file=sys.stderr)

    def report(self) -> int:
        s = self.stats
        for kind, rec in sorted(s.shortest.items()):
            print(f"fuzz: FAILURE {kind} [{rec['segment']}]\n  request:  "
                  f"{json.dumps(rec['request'], ensure_ascii=False)[:1500]}\n  response: "
                  f"{rec['response'][:600]}")
        codes = ", ".join(f"{c} {n}" for c, n in s.codes.most_common()) or "none"
        statuses = ", ".join(f"{c}: {n}" for c, n in sorted(s.statuses.items()))
        print(f"fuzz: {s.cases} cases in {self.elapsed:.0f} s ({s.cases / max(self.elapsed, 1e-9):.0f}/s), "
              f"HTTP {statuses}; {s.request_secs:.0f} s waiting for the server"
              + (f"; GET /graphql answered with GraphiQL {s.pages}" if s.pages else ""))
        print(f"fuzz: errors by code: {codes}")
        print(f"fuzz: cases {s.cases}, OK {s.ok}, 5xx {s.server_errors}, INTERNAL {s.internal}, "
              f"missing codes {s.missing_code}, not JSON {s.not_json}, dropped {s.dropped}, "
              f"re-logins {s.relogins}, keep-alive retries {s.retries}, seed {self.args.seed}")
        bad = s.server_errors + s.missing_code + s.not_json + s.dropped
        if not self.args.allow_internal:
            bad += s.internal
        return 1 if bad else 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--url", required=True, help="the server's base URL, e.g. http://127.0.0.1:8080")
    p.add_argument("--cases", type=int, default=2000)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--admin-email", required=True)
    p.add_argument("--admin-password", default=os.environ.get("PSZ_ADMIN_PASSWORD"))
    p.add_argument("--failures", default="fuzz-failures.jsonl")
    p.add_argument("--jobs", type=int, default=2, help="processes generating and sending cases")
    p.add_argument("--allow-internal", action="store_true")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(2**32)
    global FUZZER
    FUZZER = Fuzzer(args)
    FUZZER.setup()
    for old in glob.glob(f"{args.failures}*"):
        os.remove(old)
    started = time.monotonic()
    shares = [args.cases // args.jobs + (1 if k < args.cases % args.jobs else 0) for k in range(args.jobs)]
    if args.jobs == 1:
        results = [FUZZER.run_worker(0, shares[0])]
    else:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            results = pool.starmap(run_worker, enumerate(shares))
    FUZZER.elapsed = time.monotonic() - started
    FUZZER.stats = Stats(args.failures)
    for r in results:
        FUZZER.stats.merge(r)
    with open(args.failures, "w", encoding="utf-8") as out:
        for k in range(args.jobs):
            part = f"{args.failures}.{k}"
            if os.path.exists(part):
                with open(part, encoding="utf-8") as f:
                    out.write(f.read())
                os.remove(part)
    return FUZZER.report()


FUZZER: Fuzzer | None = None


def run_worker(worker: int, total: int) -> Stats:
    return FUZZER.run_worker(worker, total)


if __name__ == "__main__":
    sys.exit(main())
