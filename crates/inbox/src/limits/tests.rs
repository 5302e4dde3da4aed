//! The in-memory limiter's own rules (the shared, PostgreSQL-backed one is exercised by
//! `tests/inbox/abuse.rs` on a real cluster).

use super::*;

#[test]
fn the_window_limits_and_a_refusal_spends_nothing() {
    let m = Memory::default();
    assert_eq!(m.hit_at(Kind::Client, "a", 2, 60_000, 0), Verdict::Go);
    assert_eq!(m.hit_at(Kind::Client, "a", 2, 60_000, 1), Verdict::Go);
    for _ in 0..50 {
        assert_eq!(
            m.hit_at(Kind::Client, "a", 2, 60_000, 30_000),
            Verdict::Wait(30)
        );
    }
    assert_eq!(
        m.hit_at(Kind::Client, "b", 2, 60_000, 30_000),
        Verdict::Go,
        "keys are apart"
    );
    assert_eq!(
        m.hit_at(Kind::Client, "a", 2, 60_000, 60_000),
        Verdict::Go,
        "a new window"
    );
}

#[test]
fn a_burst_of_logins_gets_the_free_attempts_and_no_more() {
    let m = Memory::default();
    let keys = [
        (Kind::Login, "client".to_owned()),
        (Kind::Editor, "pair".to_owned()),
    ];
    let through = (0..200)
        .filter(|_| m.reserve_at(&keys, 10) == Verdict::Go)
        .count();
    assert_eq!(through as i64, schedule::FREE + 1);
    assert_eq!(m.reserve_at(&keys, 10), Verdict::Wait(1));
    assert_eq!(m.reserve_at(&keys, 1010), Verdict::Go, "after the wait");
    assert_eq!(m.reserve_at(&keys, 1010), Verdict::Wait(2), "doubling");
    // Another client is not held up by this one.
    assert_eq!(
        m.reserve_at(&[(Kind::Login, "other".to_owned())], 1010),
        Verdict::Go
    );
}

#[test]
fn a_full_table_evicts_the_least_recent_and_never_refuses() {
    let m = Memory::with_capacity(1000);
    assert_eq!(m.hit_at(Kind::Client, "reader", 1, 60_000, 0), Verdict::Go);
    for i in 0..100_000 {
        m.hit_at(Kind::Client, &format!("flood-{i}"), 10, 60_000, 1);
    }
    assert!(m.window_table(Kind::Client).len() <= 1000, "bounded");
    assert_eq!(
        m.hit_at(Kind::Client, "new reader", 1, 60_000, 2),
        Verdict::Go,
        "a new key after a flood is counted, not refused"
    );
    // A key in use stays while a flood goes by (it is young again at each touch).
    let table: Table<u32> = Table::with_capacity(10);
    let mut table = table;
    for i in 0..100 {
        *table.touch("kept", || 0) += 1;
        table.touch(&format!("k{i}"), || 0);
    }
    assert_eq!(table.get("kept"), Some(&100));
    assert!(table.len() <= 10);
}

#[test]
fn a_flood_of_other_kinds_evicts_nothing_of_an_editors() {
    let m = Memory::with_capacity(100);
    let editor = [(Kind::Editor, "7|203.0.113.9".to_owned())];
    for _ in 0..=schedule::FREE {
        assert_eq!(m.reserve_at(&editor, 0), Verdict::Go);
    }
    for i in 0..10_000 {
        m.hit_at(Kind::Article, &format!("a{i}"), 1, 60_000, 1);
        m.hit_at(Kind::Client, &format!("c{i}"), 1, 60_000, 1);
        m.reserve_at(&[(Kind::Login, format!("client:{i}"))], 1);
    }
    assert_eq!(
        m.reserve_at(&editor, 2),
        Verdict::Wait(1),
        "the editor's pair still waits: strangers' keys did not evict it"
    );
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

#[tokio::test]
async fn busy_is_not_a_failure_and_a_success_forgives_only_its_pair() {
    let limits = Limits::Memory(Box::default());
    let client = (Kind::Login, "client:198.51.100.7".to_owned());
    let pair = (Kind::Editor, "1|198.51.100.7".to_owned());
    let keys = [client.clone(), pair.clone()];
    // Refunded reservations (the server was busy) cost nothing: far more than the free ones.
    for _ in 0..20 {
        let (verdict, at) = limits.reserve_login(&keys).await.unwrap();
        assert_eq!(verdict, Verdict::Go);
        limits.refund(&keys, at).await.unwrap();
    }
    // Four failures against another account from this client …
    for i in 0..schedule::FREE {
        let other = [client.clone(), (Kind::Login, format!("pair:x|{i}@example"))];
        assert_eq!(limits.reserve_login(&other).await.unwrap().0, Verdict::Go);
    }
    // … then a right password for this one: it forgives its pair, not the client's count.
    assert_eq!(limits.reserve_login(&keys).await.unwrap().0, Verdict::Go);
    limits.forgive(&pair).await.unwrap();
    let Limits::Memory(m) = &limits else {
        unreachable!()
    };
    let count = m
        .login_table(Kind::Login)
        .get(&stored(Kind::Login, &client.1))
        .map(|f| f.count);
    assert_eq!(
        count,
        Some(schedule::FREE + 1),
        "the client's failures stay"
    );
    assert!(
        m.login_table(Kind::Editor).is_empty(),
        "the pair is forgiven"
    );
}

#[test]
fn a_free_attempt_read_a_moment_early_is_not_refused() {
    // Simultaneous attempts read the clock a millisecond apart, in any order.
    let m = Memory::default();
    let keys = [(Kind::Login, "client".to_owned())];
    for now in [10, 9, 11, 8] {
        assert_eq!(
            m.reserve_at(&keys, now),
            Verdict::Go,
            "free attempt at {now}"
        );
    }
    assert_eq!(
        m.reserve_at(&keys, 7),
        Verdict::Go,
        "the fifth starts the wait"
    );
    assert_eq!(m.reserve_at(&keys, 8), Verdict::Wait(1), "then it waits");
}
