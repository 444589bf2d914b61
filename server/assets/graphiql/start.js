// psz-monitor's GraphiQL page: renders GraphiQL (the globals `React`, `ReactDOM` and `GraphiQL`
// come from the vendored UMD builds loaded before this file) against this server's /graphql.
// A file rather than an inline script, so the Content-Security-Policy needs no 'unsafe-inline'.
(function () {
  "use strict";
  var fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery:
        "# psz-monitor's GraphQL API. Mutations need the header\n" +
        "# X-PSZ-CSRF: the csrfToken of { me { csrfToken } }.\n" +
        "{\n  plan {\n    name\n    areas {\n      code\n      name\n    }\n  }\n}\n",
    })
  );
})();
