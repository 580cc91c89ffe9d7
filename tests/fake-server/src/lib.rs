//! A scripted HTTP/1.1 server on 127.0.0.1 that plays Z.AI in tests: each request gets the reply a
//! handler chooses — any status, headers and body, sent whole, slowly, cut short under a larger
//! `Content-Length`, or held open — and the server counts requests and the most in flight at once.
//! One thread per connection; every reply closes its connection.
#![forbid(unsafe_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Request {
    /// `POST`, `GET`, …
    pub method: String,
    /// The path, with its query.
    pub path: String,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// Its position among all requests (0 for the first).
    pub index: usize,
    /// Requests in flight when it arrived, itself included.
    pub in_flight: usize,
}

impl Request {
    /// A header's value, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
    /// Send the body in pieces of this size, waiting `piece_delay` between them.
    piece: usize,
    piece_delay: Duration,
    /// Close the connection after this many body bytes (the `Content-Length` stays whole).
    cut_at: Option<usize>,
    /// After the body (or the cut), keep the connection open this long before closing.
    hold: Duration,
    /// Declare no `Content-Length` (the body ends when the connection closes).
    no_length: bool,
}

impl Reply {
    /// A reply with a status and a body.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.into(),
            delay: Duration::ZERO,
            piece: usize::MAX,
            piece_delay: Duration::ZERO,
            cut_at: None,
            hold: Duration::ZERO,
            no_length: false,
        }
    }

    /// A JSON body.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::new(status, body).header("content-type", "application/json")
    }

    /// A server-sent-events body under HTTP 200, sent in pieces as a stream would be.
    pub fn sse(body: impl Into<Vec<u8>>) -> Self {
        Self::new(200, body)
            .header("content-type", "text/event-stream")
            .without_length()
            .in_pieces(64, Duration::from_millis(1))
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Waits this long before answering.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Sends the body in pieces of `size` bytes, `delay` apart.
    pub fn in_pieces(mut self, size: usize, delay: Duration) -> Self {
        self.piece = size.max(1);
        self.piece_delay = delay;
        self
    }

    /// Closes the connection after `bytes` of the body, though `Content-Length` says more.
    pub fn cut_at(mut self, bytes: usize) -> Self {
        self.cut_at = Some(bytes);
        self
    }

    /// Keeps the connection open (silent) this long after what was sent.
    pub fn hold(mut self, duration: Duration) -> Self {
        self.hold = duration;
        self
    }

    /// Sends no `Content-Length`: the body ends when the connection closes.
    pub fn without_length(mut self) -> Self {
        self.no_length = true;
        self
    }
}

/// The running server.
pub struct FakeServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    max_in_flight: Arc<AtomicUsize>,
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

impl FakeServer {
    /// Starts a server on a free port of 127.0.0.1 answering every request with `handler`.
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (log, max) = (requests.clone(), max_in_flight.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (handler, log, max, in_flight) =
                    (handler.clone(), log.clone(), max.clone(), in_flight.clone());
                thread::spawn(move || serve(stream, &*handler, &log, &max, &in_flight));
            }
        });
        Self {
            addr,
            requests,
            max_in_flight,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many requests arrived.
    pub fn request_count(&self) -> usize {
        self.requests.lock().map_or(0, |r| r.len())
    }

    /// The requests, in arrival order.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// The most requests in flight at once.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

fn serve(
    stream: TcpStream,
    handler: &Handler,
    log: &Mutex<Vec<Request>>,
    max: &AtomicUsize,
    in_flight: &AtomicUsize,
) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let Some((method, path, headers, body)) = read_request(&mut reader) else {
        return;
    };
    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    max.fetch_max(now, Ordering::SeqCst);
    let request = {
        let Ok(mut log) = log.lock() else { return };
        let request = Request {
            method,
            path,
            headers,
            body,
            index: log.len(),
            in_flight: now,
        };
        log.push(request.clone());
        request
    };
    let reply = handler(&request);
    let _ = write_reply(stream, &reply);
    in_flight.fetch_sub(1, Ordering::SeqCst);
}

type Head = (String, String, Vec<(String, String)>, Vec<u8>);

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Head> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some((method, path, headers, body))
}

fn write_reply(mut stream: TcpStream, reply: &Reply) -> std::io::Result<()> {
    thread::sleep(reply.delay);
    let mut head = format!("HTTP/1.1 {} Fake\r\nconnection: close\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !reply.no_length {
        head.push_str(&format!("content-length: {}\r\n", reply.body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    let sent = reply
        .cut_at
        .unwrap_or(reply.body.len())
        .min(reply.body.len());
    for piece in reply.body[..sent].chunks(reply.piece) {
        stream.write_all(piece)?;
        stream.flush()?;
        thread::sleep(reply.piece_delay);
    }
    thread::sleep(reply.hold);
    stream.shutdown(std::net::Shutdown::Both)
}
