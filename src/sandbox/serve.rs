//! The accept loop. axum's own `serve` sets no read timeouts, so a client that sends half a
//! request (a slowloris) or a body shorter than it announced holds a connection and a task for as
//! long as it likes. Here every connection is served by hyper with a deadline for the request
//! head; the body's deadline is kept by the request reader (`request.rs`).

use super::faults::KillableListener;
use axum::extract::ConnectInfo;
use axum::serve::Listener;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::pin::pin;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Serves `app` on `listener` until `stop` turns true; connections in flight are then asked to
/// finish their current request and close.
pub async fn serve(
    mut listener: KillableListener,
    app: Router,
    header_read_timeout: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        let (io, _peer) = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.wait_for(|stop| *stop) => break,
        };
        while connections.try_join_next().is_some() {}
        let switch = io.switch();
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo(switch.clone()));
            app.clone().oneshot(req)
        });
        let mut stop = stop.clone();
        connections.spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout);
            let mut conn = pin!(builder.serve_connection(TokioIo::new(io), service));
            let stopping = async {
                let _ = stop.wait_for(|stop| *stop).await;
            };
            let stopped = tokio::select! {
                _ = conn.as_mut() => false,
                () = stopping => true,
            };
            if stopped {
                conn.as_mut().graceful_shutdown();
                let _ = conn.await;
            }
        });
    }
    while connections.join_next().await.is_some() {}
}
