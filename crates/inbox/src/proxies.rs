//! Who the client is behind the operator's proxies (`--trusted-proxy`).
//!
//! A request's peer is the client unless the peer is a trusted proxy. Then the forwarding header
//! (`X-Forwarded-For`, or RFC 7239 `Forwarded` with `--forwarded-header forwarded`) is read, every
//! line of it in order, as one list of hops, and the client is the rightmost hop that is not a
//! trusted proxy: the hops left of it were written by the client and prove nothing. A hop that is
//! not an address (`unknown`, an obfuscated `_node`, garbage) stops the walk: the client is the
//! last trusted hop before it (logged once per process).

use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};

use aw_http::canonical;
pub use aw_http::Cidr;
use axum::http::HeaderMap;

/// Which header the trusted proxies write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1` (nginx, Caddy, HAProxy, cloud load balancers).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client, for="[2001:db8::1]:443"`.
    Forwarded,
}

/// The trusted proxies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proxies {
    /// Their ranges (none: the peer is always the client).
    pub trusted: Vec<Cidr>,
    /// The header they write.
    pub header: ForwardedHeader,
}

impl Proxies {
    /// Proxies in `ranges`, writing `X-Forwarded-For`.
    pub fn new(ranges: &[&str]) -> Result<Proxies, String> {
        Ok(Proxies {
            trusted: ranges.iter().map(|r| r.parse()).collect::<Result<_, _>>()?,
            header: ForwardedHeader::XForwardedFor,
        })
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.trusted.iter().any(|c| c.contains(ip))
    }

    /// The client of a request from `peer` with `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        for hop in hops(headers, self.header).iter().rev() {
            match hop {
                Some(ip) => {
                    client = canonical(*ip);
                    if !self.trusts(client) {
                        return client;
                    }
                }
                None => {
                    static LOGGED: AtomicBool = AtomicBool::new(false);
                    if !LOGGED.swap(true, Ordering::Relaxed) {
                        tracing::warn!(
                            proxy = %client,
                            "a forwarding header holds a hop that is not an address; such a request is counted as its proxy's (logged once)"
                        );
                    }
                    return client;
                }
            }
        }
        client
    }
}

/// Every hop of the forwarding header, left to right over all its lines; `None` where a hop is
/// not an address.
fn hops(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Option<IpAddr>> {
    let name = match header {
        ForwardedHeader::XForwardedFor => "x-forwarded-for",
        ForwardedHeader::Forwarded => "forwarded",
    };
    let mut hops = Vec::new();
    for line in headers.get_all(name) {
        let Ok(line) = line.to_str() else {
            hops.push(None);
            continue;
        };
        for element in line.split(',') {
            let element = element.trim();
            if element.is_empty() {
                continue;
            }
            hops.push(match header {
                ForwardedHeader::XForwardedFor => node(element),
                ForwardedHeader::Forwarded => element
                    .split(';')
                    .filter_map(|pair| pair.split_once('='))
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, v)| node(v.trim().trim_matches('"'))),
            });
        }
        if hops.len() > 64 {
            // A header of more hops than any real chain of proxies: the proxy's own is last.
            hops.drain(..hops.len() - 64);
        }
    }
    hops
}

/// An address as a hop gives it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]`, `[2001:db8::1]:4711`.
fn node(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (addr, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(port)) {
            return None;
        }
        return addr.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6);
    }
    let (addr, p) = s.rsplit_once(':')?;
    if !port(p) {
        return None;
    }
    addr.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

fn port(p: &str) -> bool {
    p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(name: &str, lines: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for l in lines {
            h.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(l).unwrap(),
            );
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ranges() {
        let c: Cidr = "10.0.0.0/8".parse().unwrap();
        assert!(c.contains(ip("10.200.1.1")));
        assert!(c.contains(ip("::ffff:10.0.0.1")));
        assert!(!c.contains(ip("11.0.0.1")));
        let c: Cidr = "2001:db8::/32".parse().unwrap();
        assert!(c.contains(ip("2001:db8:ffff::1")));
        assert!(!c.contains(ip("2001:db9::1")));
        assert!("0.0.0.0/0"
            .parse::<Cidr>()
            .unwrap()
            .contains(ip("203.0.113.1")));
        assert!("192.0.2.1"
            .parse::<Cidr>()
            .unwrap()
            .contains(ip("192.0.2.1")));
        for bad in ["", "10.0.0.0/33", "nope", "10.0.0.0/", "::/129"] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_client_is_the_rightmost_untrusted_hop_over_every_line() {
        let p = Proxies::new(&["10.0.0.0/8"]).unwrap();
        let peer = ip("10.0.0.2");
        // The client wrote its own line (and its own hops) before the proxy's.
        let h = headers(
            "x-forwarded-for",
            &["1.1.1.1, 2.2.2.2", "203.0.113.7, 10.0.0.9"],
        );
        assert_eq!(p.client(peer, &h), ip("203.0.113.7"));
        // With ports, in brackets.
        let h = headers("x-forwarded-for", &["203.0.113.7:5123"]);
        assert_eq!(p.client(peer, &h), ip("203.0.113.7"));
        let h = headers("x-forwarded-for", &["[2001:db8::7]:443"]);
        assert_eq!(p.client(peer, &h), ip("2001:db8::7"));
        // A peer that is no proxy: its header is ignored.
        assert_eq!(p.client(ip("198.51.100.1"), &h), ip("198.51.100.1"));
        // No header: the proxy itself.
        assert_eq!(p.client(peer, &HeaderMap::new()), peer);
        // Garbage stops the walk at the last trusted hop.
        let h = headers("x-forwarded-for", &["203.0.113.7, unknown, 10.0.0.5"]);
        assert_eq!(p.client(peer, &h), ip("10.0.0.5"));
        let h = headers("x-forwarded-for", &["1.2.3.4:99999"]);
        assert_eq!(p.client(peer, &h), peer);
    }

    #[test]
    fn rfc_7239_forwarded() {
        let mut p = Proxies::new(&["10.0.0.0/8"]).unwrap();
        p.header = ForwardedHeader::Forwarded;
        let h = headers(
            "forwarded",
            &[
                "for=1.1.1.1",
                r#"for="[2001:db8:cafe::17]:4711";proto=https, For=10.0.0.3;by=10.0.0.2"#,
            ],
        );
        assert_eq!(p.client(ip("10.0.0.2"), &h), ip("2001:db8:cafe::17"));
        let h = headers("forwarded", &["for=_hidden, for=10.0.0.3"]);
        assert_eq!(p.client(ip("10.0.0.2"), &h), ip("10.0.0.3"));
        // X-Forwarded-For is not read when Forwarded is the header.
        let h = headers("x-forwarded-for", &["203.0.113.7"]);
        assert_eq!(p.client(ip("10.0.0.2"), &h), ip("10.0.0.2"));
    }
}
