//! A firmware that runs one path of zai-errors on inputs it cannot see through (`black_box`), so that
//! LTO keeps exactly that path. The panic handler only loops: no formatting is linked unless the code
//! under test can panic, and then the panic symbols show in `nm`.
#![no_std]
#![no_main]
#![forbid(unsafe_code)]
// Nothing runs after the one path under test: an empty loop is the smallest end.
#![allow(clippy::empty_loop)]

use core::hint::black_box;

use cortex_m_rt::entry;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    #[cfg(feature = "canary")]
    {
        let table = [1u8, 2, 3, 4];
        black_box(table[black_box(7usize)]);
    }
    loop {}
}

#[cfg(any(feature = "lean", feature = "full"))]
static BODY: &[u8] = br#"{"error":{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at 2026-10-05 12:12:52"},"request_id":"abc"}"#;

#[cfg(feature = "sse")]
static STREAM: &[u8] =
    b"data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"network_error\"}]}\n\ndata: [DONE]\n\n";

#[entry]
fn main() -> ! {
    black_box(b"empty");
    #[cfg(feature = "lean")]
    {
        let class = zai_errors::Classification::of_body(black_box(429), black_box(BODY));
        black_box((class.retry, class.kind, class.fault));
    }
    #[cfg(feature = "full")]
    {
        let error = zai_errors::ApiError::<128>::parse(black_box(429), black_box(BODY));
        black_box((
            error.retry(),
            error.code(),
            error.reset_at(),
            error.message(),
            error.request_id(),
        ));
    }
    #[cfg(feature = "full-texts")]
    {
        let code = zai_errors::Code::from(black_box(1308u16));
        black_box(code.info().map(|info| (info.text_en, info.kind.as_str())));
    }
    #[cfg(feature = "sse")]
    {
        let mut scanner = zai_errors::sse::Scanner::<512, 64>::with_capacities();
        let mut input = black_box(STREAM);
        while let Some(event) = scanner.next_event(&mut input) {
            black_box(event.is_error());
        }
        while let Some(event) = scanner.finish() {
            black_box(event.is_error());
        }
    }
    #[cfg(feature = "canary")]
    {
        let table = [1u8, 2, 3, 4];
        black_box(table[black_box(7usize)]);
    }
    loop {}
}
