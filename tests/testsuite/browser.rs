//! The published site in a real browser: headless Debian Chromium driven
//! over WebDriver (chromedriver, spoken to in plain HTTP/JSON), against the
//! `publish` fixture's site served on 127.0.0.1 by a tiny static server.
//! It opens the English page of the reference release, checks its language,
//! title and localised date, follows the visible link to French, and checks
//! the French page and its alternate link back. Screenshots of both pages
//! go to `target/browser-test/` for a person to look at.
//!
//! Without chromium and chromedriver the test is skipped with a loud
//! message, except under CI (`CI` set), where it fails: `.ci/run` installs
//! them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

use crate::util::Scratch;

const EN_PATH: &str = "/en/news/uk-french-relationship-strengthened-as-defence-chiefs-meet/";
const FR_PATH: &str =
    "/fr/nouvelles/la-relation-franco-britannique-renforcee-reunion-des-chefs-d-etat-major/";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

#[test]
fn english_page_links_to_french_in_headless_chromium() {
    let chromium = find_program(&["chromium", "chromium-browser"]);
    let driver = find_program(&["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set but chromium or chromedriver is missing: .ci/run must install them");
        }
        eprintln!(
            "\n!!!!!!!!\nSKIPPED browser test: chromium and chromedriver are not installed\n\
             (apt-get install -y --no-install-recommends chromium chromium-driver)\n!!!!!!!!\n"
        );
        return;
    };

    let ws = Scratch::fixture("publish");
    let run = ws.run(&["publish", "--now", "2025-06-01T09:00:00+01:00"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let server = StaticServer::start(&ws.file("public"));
    let base = format!("http://127.0.0.1:{}", server.port);

    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../browser-test");
    std::fs::create_dir_all(&shots).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let driver = Driver::start(&driver);
    let session = driver.session(&chromium, profile.path());

    session.go(&format!("{base}{EN_PATH}"));
    let page = session.eval(
        "return [document.documentElement.lang, document.title, document.querySelector('time').textContent]",
    );
    assert_eq!(page[0], "en-GB");
    assert!(
        page[1]
            .as_str()
            .unwrap()
            .starts_with("UK-French relationship strengthened"),
        "{page}"
    );
    assert_eq!(page[2], "11 March 2025");
    session.screenshot(&shots.join("en.png"));

    let link = session.find(".language-switch a[hreflang=\"fr-FR\"]");
    assert_eq!(session.eval_on(&link, "return arguments[0].lang"), "fr-FR");
    session.click(&link);
    session.wait_for("return document.documentElement.lang", "fr-FR");
    let page = session.eval(
        "return [location.pathname, document.title, document.querySelector('time').textContent, \
         document.querySelector('link[rel=alternate][hreflang=\"en-GB\"]').getAttribute('href'), \
         document.querySelector('.language-switch a[hreflang=\"en-GB\"]').href]",
    );
    assert_eq!(page[0], FR_PATH);
    assert!(
        page[1]
            .as_str()
            .unwrap()
            .starts_with("La relation franco-britannique renforcée"),
        "{page}"
    );
    assert_eq!(page[2], "11 mars 2025");
    assert_eq!(page[3], format!("https://www.example.gov.uk{EN_PATH}"));
    assert_eq!(page[4], format!("{base}{EN_PATH}"));
    session.screenshot(&shots.join("fr.png"));
    session.end();
}

/// A chromedriver process on a free local port, ended when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(program: &Path) -> Self {
        let port = free_port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(status) = request(driver.port, "GET", "/status", None) {
                if status["value"]["ready"] == true {
                    return driver;
                }
            }
            assert!(Instant::now() < deadline, "chromedriver did not become ready");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn session(&self, chromium: &Path, profile: &Path) -> Session {
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,1400",
            "--hide-scrollbars",
        ];
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let body = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args}
        }}});
        let reply = request(self.port, "POST", "/session", Some(&body)).expect("session");
        let id = reply["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {reply}"))
            .to_owned();
        Session { port: self.port, id }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Session {
    port: u16,
    id: String,
}

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let reply = request(self.port, method, &format!("/session/{}{path}", self.id), body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        if reply["value"]["error"].is_string() {
            panic!("{method} {path}: {}", reply["value"]);
        }
        reply["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(&json!({ "url": url })));
    }

    fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": []})),
        )
    }

    fn eval_on(&self, element: &Value, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": [element]})),
        )
    }

    fn find(&self, css: &str) -> Value {
        self.call(
            "POST",
            "/element",
            Some(&json!({"using": "css selector", "value": css})),
        )
    }

    fn click(&self, element: &Value) {
        let id = element[ELEMENT].as_str().expect("element id");
        self.call("POST", &format!("/element/{id}/click"), Some(&json!({})));
    }

    fn wait_for(&self, script: &str, expected: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.eval(script) != expected {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {script} == {expected}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn screenshot(&self, path: &Path) {
        let png = self.call("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("base64 PNG"))
            .expect("valid base64");
        assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(path, bytes).unwrap();
        eprintln!("screenshot: {}", path.display());
    }

    fn end(self) {
        let _ = request(self.port, "DELETE", &format!("/session/{}", self.id), None);
    }
}

/// One HTTP/1.1 request to chromedriver on 127.0.0.1, JSON in and out.
fn request(port: u16, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<Value> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut reader = BufReader::new(stream);
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut content = Vec::new();
    match length {
        Some(n) => {
            content.resize(n, 0);
            reader.read_exact(&mut content)?;
        }
        None => {
            reader.read_to_end(&mut content)?;
        }
    }
    serde_json::from_slice(&content).map_err(|e| std::io::Error::other(e.to_string()))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Serves a folder on 127.0.0.1 (GET only, `index.html` for folders) until
/// dropped.
struct StaticServer {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StaticServer {
    fn start(root: &Path) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    serve(&root, stream);
                }
            }
        });
        StaticServer {
            port,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(root: &Path, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let target = first.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." {
            return;
        }
        // Published paths are ASCII slugs: no percent-decoding needed.
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let mut out = &stream;
    match std::fs::read(&file) {
        Ok(bytes) => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("xml") => "application/atom+xml; charset=utf-8",
                Some("json") => "application/json",
                _ => "application/octet-stream",
            };
            let _ = write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                bytes.len()
            );
            let _ = out.write_all(&bytes);
        }
        Err(_) => {
            let _ = write!(
                out,
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    }
}
