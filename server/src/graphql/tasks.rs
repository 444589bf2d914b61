//! Runs a request's DataLoader fetches on the request's own task, so batches need no timer.
//!
//! A DataLoader collects keys, then runs one fetch for all of them. With `tokio::spawn` the fetch
//! may start on another worker thread before the sibling resolvers have registered their keys,
//! so batching needs a delay (a few milliseconds per nesting level). Here the fetch tasks wait in
//! a per-request queue that [`RequestTasks::run`] polls only after the query's own future has
//! gone as far as it can: by then every resolver of the current level has registered its key,
//! and one fetch serves them all, with no waiting.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

use futures_util::future::BoxFuture;
use futures_util::stream::{FuturesUnordered, StreamExt};

/// The fetch tasks of one request, queued by the DataLoaders' spawner.
#[derive(Clone, Default)]
pub struct RequestTasks(Arc<Mutex<Vec<BoxFuture<'static, ()>>>>);

impl RequestTasks {
    /// A spawner for `DataLoader::with_cache`: queues the task for [`RequestTasks::run`].
    pub fn spawner(&self) -> impl Fn(BoxFuture<'static, ()>) + Send + Sync + 'static {
        let queue = self.0.clone();
        move |task| {
            queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(task)
        }
    }

    fn take(&self) -> Vec<BoxFuture<'static, ()>> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Drives `query` and the fetch tasks it queues until `query` completes.
    ///
    /// Fetch tasks run only when the query is idle: pending without having woken itself (a list
    /// of more than 32 items yields half-way through, and wakes itself to say so). By then every
    /// resolver of the level has registered its key, and each fetch serves them all.
    pub async fn run<F: Future>(&self, query: F) -> F::Output {
        let mut query = pin!(query);
        let mut running = FuturesUnordered::new();
        let signal = Arc::new(WakeSignal::default());
        let query_waker = Waker::from(signal.clone());
        poll_fn(|cx| {
            signal.set_outer(cx.waker());
            loop {
                signal.woken.store(false, Ordering::SeqCst);
                if let Poll::Ready(output) =
                    query.as_mut().poll(&mut Context::from_waker(&query_waker))
                {
                    return Poll::Ready(output);
                }
                if signal.woken.load(Ordering::SeqCst) {
                    // The query has more to do at once (it yielded, or tokio's task budget ran
                    // out). The request's task has been woken: return to the scheduler, which
                    // polls again, and start no fetch before the query is idle.
                    return Poll::Pending;
                }
                running.extend(self.take());
                if running.is_empty() {
                    return Poll::Pending;
                }
                // A finished fetch has answered some resolvers: poll the query again.
                match running.poll_next_unpin(cx) {
                    Poll::Ready(_) => continue,
                    Poll::Pending => return Poll::Pending,
                }
            }
        })
        .await
    }
}

/// The query's waker: records that the query asked to be polled again, and passes the wake on
/// to the request's task.
#[derive(Default)]
struct WakeSignal {
    woken: AtomicBool,
    outer: Mutex<Option<Waker>>,
}

impl WakeSignal {
    fn set_outer(&self, waker: &Waker) {
        let mut outer = self.outer.lock().unwrap_or_else(PoisonError::into_inner);
        if !outer.as_ref().is_some_and(|w| w.will_wake(waker)) {
            *outer = Some(waker.clone());
        }
    }
}

impl Wake for WakeSignal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        if let Some(waker) = self
            .outer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            waker.wake_by_ref();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[tokio::test]
    async fn queued_tasks_run_after_the_query_yields_and_before_it_ends() {
        let tasks = RequestTasks::default();
        let spawn = tasks.spawner();
        let ran = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = tokio::sync::oneshot::channel::<usize>();
        let counter = ran.clone();
        let output = tasks
            .run(async move {
                spawn(Box::pin(async move {
                    let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                    let _ = tx.send(n);
                }));
                // Not run yet: the query has not yielded.
                assert_eq!(ran.load(Ordering::SeqCst), 0);
                rx.await.expect("the queued task ran")
            })
            .await;
        assert_eq!(output, 1);
    }

    #[tokio::test]
    async fn a_query_that_yields_registers_everything_before_tasks_run() {
        let tasks = RequestTasks::default();
        let spawn = tasks.spawner();
        let registered = Arc::new(AtomicUsize::new(0));
        let seen_by_task = Arc::new(AtomicUsize::new(usize::MAX));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (r, s) = (registered.clone(), seen_by_task.clone());
        let mut tx = Some(tx);
        tasks
            .run(async move {
                for i in 0..100 {
                    r.fetch_add(1, Ordering::SeqCst);
                    if let Some(tx) = tx.take() {
                        let (r, s) = (r.clone(), s.clone());
                        spawn(Box::pin(async move {
                            s.store(r.load(Ordering::SeqCst), Ordering::SeqCst);
                            let _ = tx.send(());
                        }));
                    }
                    // Like a list of more than 32 items: wake itself and yield half-way through.
                    if i % 32 == 31 {
                        yield_once().await;
                    }
                }
                rx.await.expect("the queued task ran");
            })
            .await;
        assert_eq!(seen_by_task.load(Ordering::SeqCst), 100);
    }

    /// Wakes itself and yields once, as `FuturesUnordered` does after polling 32 futures.
    async fn yield_once() {
        let mut yielded = false;
        poll_fn(|cx| {
            if yielded {
                Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
        .await;
    }
}
