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

#[cfg(any(feature = "lean", feature = "full", feature = "adapter"))]
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
        black_box(code.info().map(|info| (info.text_en(), info.kind.as_str())));
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
    #[cfg(feature = "adapter")]
    {
        // The same body read through the device adapter from a connection in its response phase:
        // the core's `ApiError::parse` plus the reading loop, Content-Length, header lookups.
        let mut connection = connection::Fixed {
            body: black_box(BODY),
        };
        let mut buffer = [0u8; 512];
        let read: Result<zai_errors_embedded_svc::ErrorResponse<_, 128>, _> =
            zai_errors_embedded_svc::blocking::classify_connection(&mut connection, &mut buffer);
        if let Ok(read) = read {
            black_box((
                read.error.retry(),
                read.error.code(),
                read.end,
                read.retry_after,
            ));
        }
    }
    #[cfg(feature = "canary")]
    {
        let table = [1u8, 2, 3, 4];
        black_box(table[black_box(7usize)]);
    }
    loop {}
}

/// The smallest connection: in its response phase, a fixed body, one header.
#[cfg(feature = "adapter")]
mod connection {
    use core::hint::black_box;

    use embedded_io::{ErrorKind, ErrorType, Read, Write};
    use embedded_svc::http::client::Connection;
    use embedded_svc::http::{Headers, Method, Status};

    pub struct Fixed {
        pub body: &'static [u8],
    }

    impl ErrorType for Fixed {
        type Error = ErrorKind;
    }

    impl Status for Fixed {
        fn status(&self) -> u16 {
            black_box(429)
        }

        fn status_message(&self) -> Option<&'_ str> {
            None
        }
    }

    impl Headers for Fixed {
        fn header(&self, name: &str) -> Option<&'_ str> {
            black_box(name.eq_ignore_ascii_case("x-log-id")).then_some("abc")
        }
    }

    impl Read for Fixed {
        fn read(&mut self, buf: &mut [u8]) -> Result<usize, ErrorKind> {
            let n = buf.len().min(self.body.len()).min(black_box(7));
            let (head, tail) = self.body.split_at(n);
            if let Some(target) = buf.get_mut(..n) {
                target.copy_from_slice(head);
            }
            self.body = tail;
            Ok(n)
        }
    }

    impl Write for Fixed {
        fn write(&mut self, buf: &[u8]) -> Result<usize, ErrorKind> {
            Ok(buf.len())
        }

        fn flush(&mut self) -> Result<(), ErrorKind> {
            Ok(())
        }
    }

    impl Connection for Fixed {
        type Headers = Self;
        type Read = Self;
        type RawConnectionError = ErrorKind;
        type RawConnection = Self;

        fn initiate_request<'a>(
            &'a mut self,
            _: Method,
            _: &'a str,
            _: &'a [(&'a str, &'a str)],
        ) -> Result<(), ErrorKind> {
            Err(ErrorKind::Unsupported)
        }

        fn is_request_initiated(&self) -> bool {
            false
        }

        fn initiate_response(&mut self) -> Result<(), ErrorKind> {
            Err(ErrorKind::Unsupported)
        }

        fn is_response_initiated(&self) -> bool {
            black_box(true)
        }

        fn split(&mut self) -> (&Self, &mut Self) {
            // Status and headers need no state of their own here: both halves are the body.
            let this: &mut Self = self;
            (&Fixed::EMPTY, this)
        }

        fn raw_connection(&mut self) -> Result<&mut Self, ErrorKind> {
            Err(ErrorKind::Unsupported)
        }
    }

    impl Fixed {
        const EMPTY: Self = Self { body: &[] };
    }
}
