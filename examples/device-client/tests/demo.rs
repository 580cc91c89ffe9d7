//! The host demo runs its four scenarios and exits 0, printing what a device would do.

use std::process::Command;

#[test]
fn the_demo_runs_its_four_scenarios() {
    let out = Command::new(env!("CARGO_BIN_EXE_device-client"))
        .output()
        .expect("the demo runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert_eq!(
        text.matches("\n== ").count() + usize::from(text.starts_with("== ")),
        4,
        "{text}"
    );
    assert!(
        text.contains(r#"reply: "Hello, device — \"hi\" back.""#),
        "{text}"
    );
    assert!(
        text.contains("kind concurrency_limit, retry backoff"),
        "{text}"
    );
    assert!(text.contains("end ShortOfContentLength"), "{text}");
    assert!(text.contains("finish_reason sensitive"), "{text}");
    assert!(
        text.contains("retry in 0.375 s (backoff with jitter)"),
        "{text}"
    );
    assert!(text.contains("retry at_reset"), "{text}");
    assert!(text.contains("just after the quota's reset"), "{text}");
    assert!(text.contains("give up (never)"), "{text}");
    assert!(!text.contains("UNEXPECTED"), "{text}");
}
