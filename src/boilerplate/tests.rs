use super::{too_deep, MAX_NESTING};

/// `too_deep` as its documentation defines it, a byte at a time: the
/// reference the skipping scan must agree with.
fn too_deep_by_byte(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut at_line_start = true;
    let mut in_comment = false;
    let mut bytes = text.bytes().enumerate();
    while let Some((i, b)) = bytes.next() {
        if at_line_start {
            at_line_start = false;
            in_comment = false;
            if b == b'#' {
                in_comment = true;
            } else if b.is_ascii_alphabetic() || b == b'-' {
                depth = 0;
                in_string = false;
            }
        }
        if b == b'\n' {
            at_line_start = true;
            in_string = false;
            continue;
        }
        if in_comment {
            continue;
        }
        if in_string {
            match b {
                b'\\' => {
                    bytes.next();
                }
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            b'"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

const SIXTEEN: &str = "{{{{{{{{{{{{{{{{";

#[test]
fn too_deep_agrees_with_the_byte_by_byte_definition() {
    use proptest::prelude::*;
    use proptest::test_runner::TestRunner;
    let piece = prop::sample::select(vec![
        "{", "{", "{", SIXTEEN, SIXTEEN, "}", "}", "\"", "\\", "\n", "\n", "#", "a", "-", " ", "é", "msg = ",
        "  [one] ",
    ]);
    TestRunner::default()
        .run(&prop::collection::vec(piece, 0..48), |pieces| {
            let text = pieces.concat();
            prop_assert_eq!(too_deep(&text), too_deep_by_byte(&text), "{:?}", text);
            Ok(())
        })
        .unwrap();
}

#[test]
fn too_deep_finds_the_first_brace_past_the_limit() {
    let text = format!("# {{{{{{\nmsg = {}x\n", "{ ".repeat(MAX_NESTING + 2));
    let at = text.find("msg = ").unwrap() + "msg = ".len() + 2 * MAX_NESTING;
    assert_eq!(too_deep(&text), Some(at));
    assert_eq!(too_deep_by_byte(&text), Some(at));
    let quoted = format!("msg = {{ \"{}\" }}\n", "{".repeat(MAX_NESTING + 2));
    assert_eq!(too_deep(&quoted), None);
}
