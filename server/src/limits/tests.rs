//! The in-memory limiter's own rules (the shared, PostgreSQL-backed one is exercised by
//! `tests/inbox/abuse.rs` on a real cluster).

use super::*;

#[test]
fn the_window_limits_and_a_refusal_spends_nothing() {
    let m = Memory::default();
    assert_eq!(m.hit_at("a", 2, 60_000, 0), Verdict::Go);
    assert_eq!(m.hit_at("a", 2, 60_000, 1), Verdict::Go);
    for _ in 0..50 {
        assert_eq!(m.hit_at("a", 2, 60_000, 30_000), Verdict::Wait(30));
    }
    assert_eq!(
        m.hit_at("b", 2, 60_000, 30_000),
        Verdict::Go,
        "keys are apart"
    );
    assert_eq!(
        m.hit_at("a", 2, 60_000, 60_000),
        Verdict::Go,
        "a new window"
    );
}

#[test]
fn a_burst_of_logins_gets_the_free_attempts_and_no_more() {
    let m = Memory::default();
    let keys = ["client".to_owned(), "pair".to_owned()];
    let through = (0..200)
        .filter(|_| m.reserve_at(&keys, 10) == Verdict::Go)
        .count();
    assert_eq!(through as i64, schedule::FREE + 1);
    assert_eq!(m.reserve_at(&keys, 10), Verdict::Wait(1));
    assert_eq!(m.reserve_at(&keys, 1010), Verdict::Go, "after the wait");
    assert_eq!(m.reserve_at(&keys, 1010), Verdict::Wait(2), "doubling");
    // Another client is not held up by this one.
    assert_eq!(m.reserve_at(&["other".to_owned()], 1010), Verdict::Go);
}

#[test]
fn tables_are_bounded() {
    let m = Memory::default();
    for i in 0..MAX_KEYS {
        assert_eq!(m.hit_at(&i.to_string(), 1, 60_000, 0), Verdict::Go);
    }
    assert_eq!(
        m.hit_at("new", 1, 60_000, 1),
        Verdict::Wait(60),
        "full: fail closed"
    );
    assert_eq!(
        m.hit_at("new", 1, 60_000, 60_000),
        Verdict::Go,
        "expired keys swept"
    );
    assert!(m.windows.lock().unwrap().len() <= MAX_KEYS);
}

#[test]
fn clients_are_grouped_and_keys_capped() {
    let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
    let b: IpAddr = "2001:db8:1:2:ffff:ffff:ffff:ffff".parse().unwrap();
    assert_eq!(client_key(a), client_key(b), "one /64, one client");
    assert_ne!(
        client_key(a),
        client_key("2001:db8:1:3::1".parse().unwrap())
    );
    assert_eq!(client_key("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1");
    assert_eq!(client_key("192.0.2.1".parse().unwrap()), "192.0.2.1");
    let long = "x".repeat(5000);
    assert!(bounded(&long).len() <= KEY_MAX);
    assert_ne!(bounded(&long), bounded(&"y".repeat(5000)));
}

#[test]
fn the_schedule_doubles_to_a_cap() {
    assert_eq!(schedule::wait_ms(4), 0);
    assert_eq!(schedule::wait_ms(5), 1000);
    assert_eq!(schedule::wait_ms(6), 2000);
    assert_eq!(schedule::wait_ms(100), schedule::MAX_WAIT_MS);
    assert!(reserve_sql().contains("WHEN 6 THEN 2000"));
}
