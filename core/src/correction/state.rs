//! The correction form as one state machine whose transitions are plain functions of
//! (state, action), so every path — validation, double submits, retries, rate
//! limits, spam — is tested on the host. Effects (the POST, timers, storage) live in the
//! component; it reads `phase` to know what to do next.

use super::draft::{validate, validate_field, Draft, Field, FieldError, Rules};
use super::response::Outcome;
use super::retry::{backoff_ms, MAX_ATTEMPTS, MAX_RETRY_AFTER_S};

/// Sent sooner than this after the draft's first edit: likely a bot. The send is held (the
/// reader is asked to check and press Send again); nothing is faked and nothing is deleted.
pub const MIN_FILL_MS: f64 = 3_000.0;
/// One submission per article per this long from one browser.
pub const RESUBMIT_MS: f64 = 60_000.0;

/// Where the form is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Not shown.
    Closed,
    /// The reader is writing.
    Editing,
    /// A request is in flight (attempt 1, 2, …).
    Sending {
        /// Which attempt.
        attempt: u32,
    },
    /// Waiting to send the next attempt (backoff, or the server's `Retry-After`).
    Waiting {
        /// The attempt that will be sent.
        attempt: u32,
        /// When (the page clock, ms).
        retry_at_ms: f64,
        /// The server asked us to slow down (429), rather than failed.
        rate_limited: bool,
    },
    /// Thank-you view.
    Sent {
        /// The server's reference id.
        reference: Option<String>,
    },
    /// Gave up or was refused; the draft is still there and "Try again" sends it again.
    Failed {
        /// The server's message, if any.
        message: Option<String>,
    },
    /// This browser sent a correction for this article less than a minute ago.
    Throttled {
        /// When another one may be sent.
        until_ms: f64,
    },
}

/// The form's whole state.
#[derive(Clone, Debug, PartialEq)]
pub struct FormState {
    /// Where the form is.
    pub phase: Phase,
    /// What the reader wrote.
    pub draft: Draft,
    /// The publisher's rules.
    pub rules: Rules,
    /// Errors shown on fields (after blur or a submit), in form order.
    pub errors: Vec<(Field, FieldError)>,
    /// Show the error summary (a submit failed validation or the server named fields).
    pub summary: bool,
    /// One key per exact correction: every retry and "Try again" of the same text reuses it, so
    /// the server can drop duplicates; the first send after the reader changed the text gets a
    /// new one.
    pub idempotency_key: String,
    /// The draft as it was first sent under `idempotency_key` (what every retry sends, so a
    /// selection made while a send is in flight cannot change it); `None` until sent.
    pub sent: Option<Draft>,
    /// When this draft was first edited (page clock, ms; kept with the saved draft): the spam
    /// guard measures the fill time from here, not from the latest open.
    pub started_at_ms: Option<f64>,
    /// The draft came back from storage (shows "Draft restored" and a discard button).
    pub restored: bool,
    /// The last submit was held by the spam guard (the honeypot was filled, or it came less
    /// than [`MIN_FILL_MS`] after the first edit): nothing was sent, the draft is kept, and the
    /// reader is asked to check it and press Send again.
    pub held: bool,
    /// Counts submits, so the view can move focus (to the error summary) even when a repeated
    /// failed submit leaves everything else as it was.
    pub submits: u32,
    /// Counts opens (the trust box button, or a selection while the form is already open), so
    /// the view moves focus into the form each time.
    pub opens: u32,
}

/// What can happen to the form.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open it, with the reader's selection as the passage when there is one (ignored while a
    /// send is in flight: the text being sent does not change).
    Open {
        /// Selected text.
        prefill: Option<String>,
        /// Page clock.
        now_ms: f64,
    },
    /// Close it (the draft stays).
    Close,
    /// A draft saved earlier was found, with the idempotency key it was saved under (a retry
    /// after a reload must reuse it).
    Restore {
        /// The saved draft.
        draft: Draft,
        /// Its key.
        key: String,
        /// When the draft was first edited.
        started_at_ms: f64,
        /// A send had started under `key` (an edit then needs a new key).
        key_used: bool,
    },
    /// The reader discards the draft (a new key for the next one).
    Discard {
        /// Fresh idempotency key.
        new_key: String,
    },
    /// A text field changed.
    Edit {
        /// Which.
        field: Field,
        /// Its new text.
        value: String,
        /// Page clock (the first edit starts the draft's fill time).
        now_ms: f64,
    },
    /// Something typed into the hidden honeypot field (only bots do).
    Trap(String),
    /// The consent box changed.
    SetConsent(bool),
    /// A field lost focus: validate it.
    Blur(Field),
    /// The reader submits.
    Submit {
        /// Page clock.
        now_ms: f64,
        /// When this browser last sent a correction for this article.
        last_sent_ms: Option<f64>,
        /// A fresh idempotency key, used if the text changed since it was last sent.
        new_key: String,
    },
    /// The endpoint answered.
    Answer {
        /// What the answer means.
        outcome: Outcome,
        /// Page clock.
        now_ms: f64,
        /// Random in `[0, 1)` for the backoff.
        jitter: f64,
    },
    /// No answer: network error, timeout.
    NoAnswer {
        /// Page clock.
        now_ms: f64,
        /// Random in `[0, 1)` for the backoff.
        jitter: f64,
    },
    /// The wait is over (`None`), or the reader pressed "Try again" (a fresh key, used if the
    /// text changed since it was last sent).
    Retry(Option<String>),
    /// After the thank-you: start a new, empty draft.
    StartOver {
        /// Fresh idempotency key.
        new_key: String,
    },
}

impl FormState {
    /// A closed form with an empty draft.
    pub fn new(rules: Rules, idempotency_key: String) -> Self {
        FormState {
            phase: Phase::Closed,
            draft: Draft::default(),
            rules,
            errors: Vec::new(),
            summary: false,
            idempotency_key,
            sent: None,
            started_at_ms: None,
            restored: false,
            held: false,
            submits: 0,
            opens: 0,
        }
    }

    /// Whether a request is in flight or scheduled (the submit button is inert then).
    pub fn busy(&self) -> bool {
        matches!(self.phase, Phase::Sending { .. } | Phase::Waiting { .. })
    }

    /// The next state.
    pub fn apply(&self, action: Action) -> FormState {
        let mut next = self.clone();
        match action {
            Action::Open { prefill, now_ms } => {
                next.opens = self.opens.wrapping_add(1);
                if matches!(self.phase, Phase::Closed) {
                    next.phase = Phase::Editing;
                }
                if let Some(text) = prefill
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty() && !self.busy())
                {
                    next.draft.quote = text;
                    next.started_at_ms.get_or_insert(now_ms);
                }
            }
            Action::Close => {
                if !self.busy() {
                    next.phase = Phase::Closed;
                    next.summary = false;
                }
            }
            Action::Restore {
                draft,
                key,
                started_at_ms,
                key_used,
            } => {
                if self.draft.is_blank() && !draft.is_blank() && !self.busy() {
                    next.sent = (key_used && !key.is_empty()).then(|| draft.clone());
                    next.draft = draft;
                    next.restored = true;
                    next.started_at_ms = Some(started_at_ms);
                    if !key.is_empty() {
                        next.idempotency_key = key;
                    }
                }
            }
            Action::Discard { new_key } => {
                if !self.busy() {
                    next.draft = Draft::default();
                    next.errors.clear();
                    next.summary = false;
                    next.restored = false;
                    next.held = false;
                    next.sent = None;
                    next.started_at_ms = None;
                    next.idempotency_key = new_key;
                    next.phase = Phase::Editing;
                }
            }
            Action::Edit {
                field,
                value,
                now_ms,
            } => {
                if !self.busy() {
                    next.draft.set(field, value);
                    if !next.draft.is_blank() {
                        next.started_at_ms.get_or_insert(now_ms);
                    }
                    next.refresh_error(field);
                }
            }
            Action::Trap(value) => next.draft.honeypot = value,
            Action::SetConsent(on) => {
                if !self.busy() {
                    next.draft.consent = on;
                    next.refresh_error(Field::Consent);
                }
            }
            Action::Blur(field) => {
                next.errors.retain(|(f, _)| *f != field);
                if let Some(error) = validate_field(&next.draft, field, &next.rules) {
                    next.errors.push((field, error));
                    next.sort_errors();
                }
            }
            Action::Submit {
                now_ms,
                last_sent_ms,
                new_key,
            } => next.submit(now_ms, last_sent_ms, new_key),
            Action::Answer {
                outcome,
                now_ms,
                jitter,
            } => next.answer(outcome, now_ms, jitter),
            Action::NoAnswer { now_ms, jitter } => {
                next.answer(Outcome::Retryable { status: None }, now_ms, jitter)
            }
            Action::Retry(new_key) => match self.phase {
                Phase::Waiting { attempt, .. } => next.phase = Phase::Sending { attempt },
                Phase::Failed { .. } => {
                    next.start_sending(new_key);
                }
                _ => {}
            },
            Action::StartOver { new_key } => {
                if matches!(self.phase, Phase::Sent { .. }) {
                    next = FormState::new(self.rules.clone(), new_key);
                    next.phase = Phase::Editing;
                    next.opens = self.opens.wrapping_add(1);
                    next.submits = self.submits;
                }
            }
        }
        next
    }

    /// Sends the current draft: under the same key if it is the text last sent with it (a retry),
    /// else under `new_key` (the reader changed it after an answer).
    fn start_sending(&mut self, new_key: Option<String>) {
        if let (Some(sent), Some(key)) = (&self.sent, new_key) {
            if *sent != self.draft {
                self.idempotency_key = key;
            }
        }
        self.sent = Some(self.draft.clone());
        self.held = false;
        self.phase = Phase::Sending { attempt: 1 };
    }

    fn submit(&mut self, now_ms: f64, last_sent_ms: Option<f64>, new_key: String) {
        // Double clicks, Enter-mashing and a second submit while one is in flight do nothing.
        if !matches!(
            self.phase,
            Phase::Editing | Phase::Failed { .. } | Phase::Throttled { .. }
        ) {
            return;
        }
        self.submits = self.submits.wrapping_add(1);
        let errors = validate(&self.draft, &self.rules);
        if !errors.is_empty() {
            self.errors = errors;
            self.summary = true;
            self.phase = Phase::Editing;
            return;
        }
        let too_fast = self
            .started_at_ms
            .is_none_or(|started| now_ms - started < MIN_FILL_MS);
        if !self.draft.honeypot.is_empty() || too_fast {
            // Held, never faked: a person who pasted fast (or whose autofill filled the trap)
            // reads the note and presses Send again; the trap is emptied for that second try.
            self.held = true;
            self.draft.honeypot.clear();
            self.phase = Phase::Editing;
            return;
        }
        if let Some(last) = last_sent_ms.filter(|last| now_ms - last < RESUBMIT_MS) {
            self.phase = Phase::Throttled {
                until_ms: last + RESUBMIT_MS,
            };
            return;
        }
        self.errors.clear();
        self.summary = false;
        self.start_sending(Some(new_key));
    }

    fn answer(&mut self, outcome: Outcome, now_ms: f64, jitter: f64) {
        let Phase::Sending { attempt } = self.phase else {
            return; // a late answer for a request we no longer wait for
        };
        match outcome {
            Outcome::Accepted { reference } => {
                self.phase = Phase::Sent { reference };
                self.draft = Draft::default();
                self.started_at_ms = None;
                self.errors.clear();
                self.summary = false;
                self.restored = false;
            }
            Outcome::FieldErrors(errors) => {
                self.errors = errors
                    .into_iter()
                    .map(|(f, m)| (f, FieldError::Server(m)))
                    .collect();
                self.sort_errors();
                self.summary = true;
                self.phase = Phase::Editing;
            }
            Outcome::Rejected { message } => self.phase = Phase::Failed { message },
            Outcome::RateLimited { retry_after_s } => {
                let wait_s = retry_after_s.unwrap_or(0);
                self.phase = if wait_s <= MAX_RETRY_AFTER_S && attempt < MAX_ATTEMPTS {
                    let wait_ms = if retry_after_s.is_some() {
                        wait_s as f64 * 1_000.0
                    } else {
                        backoff_ms(attempt + 1, jitter) as f64
                    };
                    Phase::Waiting {
                        attempt: attempt + 1,
                        retry_at_ms: now_ms + wait_ms,
                        rate_limited: true,
                    }
                } else {
                    Phase::Failed { message: None }
                };
            }
            Outcome::Retryable { .. } => {
                self.phase = if attempt < MAX_ATTEMPTS {
                    Phase::Waiting {
                        attempt: attempt + 1,
                        retry_at_ms: now_ms + backoff_ms(attempt + 1, jitter) as f64,
                        rate_limited: false,
                    }
                } else {
                    Phase::Failed { message: None }
                };
            }
        }
    }

    /// Re-checks a field the reader is editing, but only if it already shows an error (no
    /// scolding while someone is still typing a first draft).
    fn refresh_error(&mut self, field: Field) {
        if self.errors.iter().any(|(f, _)| *f == field) {
            self.errors.retain(|(f, _)| *f != field);
            if let Some(error) = validate_field(&self.draft, field, &self.rules) {
                self.errors.push((field, error));
                self.sort_errors();
            }
        }
        if self.errors.is_empty() {
            self.summary = false;
        }
    }

    fn sort_errors(&mut self) {
        Field::in_form_order(&mut self.errors);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "The cost was $212 million, not $221 million.";

    fn open() -> FormState {
        FormState::new(Rules::default(), "key-1".into()).apply(Action::Open {
            prefill: None,
            now_ms: 1_000.0,
        })
    }

    fn filled() -> FormState {
        open().apply(edit(Field::Correction, GOOD))
    }

    fn submit(s: &FormState, now_ms: f64) -> FormState {
        s.apply(Action::Submit {
            now_ms,
            last_sent_ms: None,
            new_key: "key-new".into(),
        })
    }

    /// The reader types (at 1 s on the page clock, unless the test says otherwise).
    fn edit(field: Field, value: &str) -> Action {
        edit_at(field, value, 1_000.0)
    }

    /// A saved draft with this correction text coming back from storage.
    fn restore(correction: &str, key: &str, started_at_ms: f64, key_used: bool) -> Action {
        Action::Restore {
            draft: Draft {
                correction: correction.into(),
                ..Draft::default()
            },
            key: key.into(),
            started_at_ms,
            key_used,
        }
    }

    fn edit_at(field: Field, value: &str, now_ms: f64) -> Action {
        Action::Edit {
            field,
            value: value.into(),
            now_ms,
        }
    }

    fn answer(s: &FormState, outcome: Outcome) -> FormState {
        s.apply(Action::Answer {
            outcome,
            now_ms: 20_000.0,
            jitter: 0.0,
        })
    }

    #[test]
    fn open_prefills_the_selection_and_close_keeps_the_draft() {
        let s = FormState::new(Rules::default(), "k".into()).apply(Action::Open {
            prefill: Some("  a selected passage ".into()),
            now_ms: 5.0,
        });
        assert_eq!(s.phase, Phase::Editing);
        assert_eq!(s.draft.quote, "a selected passage");
        let closed = s.apply(edit(Field::Correction, GOOD)).apply(Action::Close);
        assert_eq!(closed.phase, Phase::Closed);
        assert_eq!(closed.draft.correction, GOOD);
    }

    #[test]
    fn invalid_submit_shows_every_error_and_the_summary() {
        let s = submit(&open(), 10_000.0);
        assert_eq!(s.phase, Phase::Editing);
        assert!(s.summary);
        assert_eq!(s.errors, vec![(Field::Correction, FieldError::Required)]);
        // Fixing the field clears its error and the summary.
        let fixed = s.apply(edit(Field::Correction, GOOD));
        assert!(fixed.errors.is_empty() && !fixed.summary);
    }

    #[test]
    fn blur_validates_one_field() {
        let s = open()
            .apply(edit(Field::Email, "nope"))
            .apply(Action::Blur(Field::Email));
        assert_eq!(s.errors, vec![(Field::Email, FieldError::InvalidEmail)]);
        assert!(!s.summary);
    }

    #[test]
    fn valid_submit_sends_once() {
        let s = submit(&filled(), 10_000.0);
        assert_eq!(s.phase, Phase::Sending { attempt: 1 });
        // Double click / Enter-mashing while in flight: nothing changes.
        assert_eq!(submit(&s, 10_050.0), s);
        assert_eq!(s.apply(edit(Field::Correction, "changed")), s);
    }

    #[test]
    fn success_clears_the_draft_and_keeps_the_reference() {
        let s = answer(
            &submit(&filled(), 10_000.0),
            Outcome::Accepted {
                reference: Some("C-7".into()),
            },
        );
        assert_eq!(
            s.phase,
            Phase::Sent {
                reference: Some("C-7".into())
            }
        );
        assert!(s.draft.is_blank());
        let again = s.apply(Action::StartOver {
            new_key: "key-2".into(),
        });
        assert_eq!(
            (again.phase.clone(), again.idempotency_key.as_str()),
            (Phase::Editing, "key-2")
        );
        // The next draft's fill time starts at its own first edit.
        let quick = again
            .apply(edit_at(Field::Correction, GOOD, 30_000.0))
            .apply(Action::Submit {
                now_ms: 31_000.0,
                last_sent_ms: None,
                new_key: "key-3".into(),
            });
        assert!(quick.held && quick.phase == Phase::Editing);
    }

    #[test]
    fn server_field_errors_land_on_fields() {
        let s = answer(
            &submit(&filled(), 10_000.0),
            Outcome::FieldErrors(vec![(Field::Email, "is invalid".into())]),
        );
        assert_eq!(s.phase, Phase::Editing);
        assert_eq!(
            s.errors,
            vec![(Field::Email, FieldError::Server("is invalid".into()))]
        );
        assert!(s.summary);
        assert_eq!(s.draft.correction, GOOD, "the reader's text stays");
    }

    #[test]
    fn server_errors_retry_with_backoff_then_fail_keeping_text_and_key() {
        let mut s = submit(&filled(), 10_000.0);
        for attempt in 2..=3 {
            s = answer(&s, Outcome::Retryable { status: Some(500) });
            assert_eq!(
                s.phase,
                Phase::Waiting {
                    attempt,
                    retry_at_ms: 20_000.0 + (500 << (attempt - 2)) as f64,
                    rate_limited: false
                }
            );
            s = s.apply(Action::Retry(None));
            assert_eq!(s.phase, Phase::Sending { attempt });
            assert_eq!(s.idempotency_key, "key-1", "same key on every retry");
        }
        s = s.apply(Action::NoAnswer {
            now_ms: 30_000.0,
            jitter: 0.3,
        });
        assert_eq!(s.phase, Phase::Failed { message: None });
        assert_eq!(s.draft.correction, GOOD);
        // "Try again" sends the same draft with the same key.
        let retry = s.apply(Action::Retry(None));
        assert_eq!(
            (retry.phase, retry.idempotency_key.as_str()),
            (Phase::Sending { attempt: 1 }, "key-1")
        );
    }

    #[test]
    fn rate_limit_waits_as_told() {
        let s = answer(
            &submit(&filled(), 10_000.0),
            Outcome::RateLimited {
                retry_after_s: Some(7),
            },
        );
        assert_eq!(
            s.phase,
            Phase::Waiting {
                attempt: 2,
                retry_at_ms: 27_000.0,
                rate_limited: true
            }
        );
        let too_long = answer(
            &submit(&filled(), 10_000.0),
            Outcome::RateLimited {
                retry_after_s: Some(3_600),
            },
        );
        assert_eq!(too_long.phase, Phase::Failed { message: None });
    }

    #[test]
    fn rejection_is_a_failure_with_the_servers_message() {
        let s = answer(
            &submit(&filled(), 10_000.0),
            Outcome::Rejected {
                message: Some("Closed".into()),
            },
        );
        assert_eq!(
            s.phase,
            Phase::Failed {
                message: Some("Closed".into())
            }
        );
    }

    #[test]
    fn the_spam_guard_holds_a_fast_send_and_never_fakes_success() {
        // First edit at 1 s, Send at 2 s: held, not sent, not "thank you", the text kept.
        let fast = submit(&filled(), 2_000.0);
        assert_eq!(fast.phase, Phase::Editing);
        assert!(fast.held);
        assert_eq!(fast.draft.correction, GOOD);
        assert_eq!(fast.sent, None, "nothing was sent");
        // Pressing Send again once the reader has had a moment sends it.
        let again = submit(&fast, 4_500.0);
        assert_eq!(again.phase, Phase::Sending { attempt: 1 });
        assert!(!again.held);
        // The honeypot: held too, and emptied, so a person whose autofill filled it can send.
        let mut honey = filled();
        honey.draft.honeypot = "http://spam.example".into();
        let held = submit(&honey, 60_000.0);
        assert!(held.held && held.phase == Phase::Editing && held.draft.honeypot.is_empty());
        assert_eq!(submit(&held, 61_000.0).phase, Phase::Sending { attempt: 1 });
    }

    #[test]
    fn fill_time_counts_from_the_first_edit_not_the_latest_open() {
        // Type, close, reopen much later, send at once: it is sent.
        let s = filled().apply(Action::Close).apply(Action::Open {
            prefill: None,
            now_ms: 60_000.0,
        });
        assert_eq!(s.started_at_ms, Some(1_000.0));
        assert_eq!(submit(&s, 60_100.0).phase, Phase::Sending { attempt: 1 });
        // A restored draft keeps the time it was first edited on the earlier visit.
        let restored = FormState::new(Rules::default(), "k".into())
            .apply(Action::Open {
                prefill: None,
                now_ms: 500.0,
            })
            .apply(restore(GOOD, "k-saved", -86_400_000.0, false));
        assert_eq!(
            submit(&restored, 600.0).phase,
            Phase::Sending { attempt: 1 }
        );
        // An empty form is not held but told what is missing.
        let empty = submit(&open(), 90_000.0);
        assert!(!empty.held && empty.summary);
    }

    #[test]
    fn one_submission_per_minute() {
        let s = filled().apply(Action::Submit {
            now_ms: 50_000.0,
            last_sent_ms: Some(20_000.0),
            new_key: "key-new".into(),
        });
        assert_eq!(s.phase, Phase::Throttled { until_ms: 80_000.0 });
        let later = s.apply(Action::Submit {
            now_ms: 81_000.0,
            last_sent_ms: Some(20_000.0),
            new_key: "key-new".into(),
        });
        assert_eq!(later.phase, Phase::Sending { attempt: 1 });
    }

    #[test]
    fn restore_and_discard() {
        let saved = Draft {
            correction: GOOD.into(),
            ..Draft::default()
        };
        let s = open().apply(Action::Restore {
            draft: saved.clone(),
            key: "key-saved".into(),
            started_at_ms: 0.0,
            key_used: false,
        });
        assert!(s.restored);
        assert_eq!(s.draft, saved);
        assert_eq!(s.idempotency_key, "key-saved");
        // Never over what the reader is already writing.
        let busy = filled().apply(restore(
            "other text entirely, long enough",
            "key-other",
            0.0,
            false,
        ));
        assert_eq!(busy.idempotency_key, "key-1");
        assert_eq!(busy.draft.correction, GOOD);
        let discarded = s.apply(Action::Discard {
            new_key: "key-9".into(),
        });
        assert!(discarded.draft.is_blank() && !discarded.restored);
        assert_eq!(discarded.idempotency_key, "key-9");
    }

    #[test]
    fn late_answers_are_ignored() {
        let s = filled();
        assert_eq!(answer(&s, Outcome::Accepted { reference: None }), s);
    }

    #[test]
    fn honeypot_action_fills_only_the_trap() {
        let s = filled().apply(Action::Trap("http://spam.example".into()));
        assert_eq!(s.draft.honeypot, "http://spam.example");
        assert_eq!(s.draft.correction, GOOD);
        let held = submit(&s, 10_000.0);
        assert!(held.held);
        assert_eq!(held.phase, Phase::Editing);
    }

    #[test]
    fn counters_let_the_view_move_focus_again() {
        let s = open();
        assert_eq!(s.opens, 1);
        // Opening again (a selection while the form is open) counts, and takes the new passage.
        let again = s.apply(Action::Open {
            prefill: Some("another passage".into()),
            now_ms: 2_000.0,
        });
        assert_eq!(
            (again.opens, again.draft.quote.as_str()),
            (2, "another passage")
        );
        assert_eq!(
            again.started_at_ms,
            Some(2_000.0),
            "the selection started the draft"
        );
        // Two failed submits in a row: same errors, but a new count, so focus goes back to
        // the summary.
        let first = submit(&open(), 10_000.0);
        let second = submit(&first, 11_000.0);
        assert_eq!(first.errors, second.errors);
        assert_eq!((first.submits, second.submits), (1, 2));
    }

    #[test]
    fn nothing_changes_under_a_request_in_flight() {
        let sending = submit(&filled(), 10_000.0);
        assert_eq!(sending.phase, Phase::Sending { attempt: 1 });
        for action in [
            Action::Close,
            edit(Field::Correction, "changed while sending"),
            Action::SetConsent(true),
            Action::Discard {
                new_key: "k2".into(),
            },
            restore("a restored draft arriving late", "k3", 0.0, false),
            Action::Submit {
                now_ms: 12_000.0,
                last_sent_ms: None,
                new_key: "key-new".into(),
            },
            Action::Retry(None),
            Action::StartOver {
                new_key: "k4".into(),
            },
        ] {
            assert_eq!(sending.apply(action.clone()), sending, "{action:?}");
        }
    }

    #[test]
    fn try_again_after_failure_starts_a_fresh_round_with_the_same_key() {
        let mut s = submit(&filled(), 10_000.0);
        for _ in 0..MAX_ATTEMPTS {
            s = s.apply(Action::NoAnswer {
                now_ms: 20_000.0,
                jitter: 0.5,
            });
            if matches!(s.phase, Phase::Waiting { .. }) {
                s = s.apply(Action::Retry(None));
            }
        }
        assert_eq!(s.phase, Phase::Failed { message: None });
        let again = s.apply(Action::Retry(None));
        assert_eq!(again.phase, Phase::Sending { attempt: 1 });
        assert_eq!(again.idempotency_key, "key-1");
        assert_eq!(again.draft.correction, GOOD);
    }

    #[test]
    fn closed_form_ignores_retry_and_start_over() {
        let closed = FormState::new(Rules::default(), "k".into());
        assert_eq!(closed.apply(Action::Retry(None)), closed);
        assert_eq!(
            closed.apply(Action::StartOver {
                new_key: "k2".into(),
            }),
            closed
        );
    }

    #[test]
    fn a_selection_made_while_sending_does_not_change_what_is_sent() {
        let sending = submit(&filled(), 10_000.0);
        let selected = sending.apply(Action::Open {
            prefill: Some("a selection made while sending".into()),
            now_ms: 12_000.0,
        });
        assert_eq!(selected.draft, sending.draft);
        // Retries send the draft as it was first sent.
        let retried =
            answer(&selected, Outcome::Retryable { status: Some(503) }).apply(Action::Retry(None));
        assert_eq!(
            retried.sent.as_ref().map(|d| d.correction.as_str()),
            Some(GOOD)
        );
        assert_eq!(retried.idempotency_key, "key-1");
    }

    /// Fails every attempt of the current round.
    fn fail_round(mut s: FormState) -> FormState {
        for _ in 0..MAX_ATTEMPTS {
            s = s.apply(Action::NoAnswer {
                now_ms: 20_000.0,
                jitter: 0.5,
            });
            if matches!(s.phase, Phase::Waiting { .. }) {
                s = s.apply(Action::Retry(None));
            }
        }
        assert_eq!(s.phase, Phase::Failed { message: None });
        s
    }

    #[test]
    fn an_idempotency_key_means_this_exact_correction() {
        // Try again without an edit: the same correction, the same key.
        let failed = fail_round(submit(&filled(), 10_000.0));
        let same = failed.apply(Action::Retry(Some("key-2".into())));
        assert_eq!(same.idempotency_key, "key-1");
        // Edited after the failure, then Try again: another correction, a new key, and it is
        // what is sent.
        let edited = failed
            .apply(edit(
                Field::Correction,
                "The cost was $212 million; see the minutes.",
            ))
            .apply(Action::Retry(Some("key-2".into())));
        assert_eq!(edited.idempotency_key, "key-2");
        assert_eq!(edited.phase, Phase::Sending { attempt: 1 });
        assert_eq!(
            edited.sent.as_ref().map(|d| d.correction.as_str()),
            Some("The cost was $212 million; see the minutes.")
        );
        // After a 422 the reader fixes a field and sends again: a new key.
        let refused = answer(
            &submit(&filled(), 10_000.0),
            Outcome::FieldErrors(vec![(Field::Email, "is invalid".into())]),
        );
        let unchanged = submit(&refused, 11_000.0);
        assert_eq!(unchanged.idempotency_key, "key-1", "no edit: the same key");
        let fixed = submit(
            &refused.apply(edit(Field::Email, "r@example.org")),
            11_000.0,
        );
        assert_eq!(fixed.idempotency_key, "key-new");
        // After a 4xx rejection, likewise.
        let rejected = answer(
            &submit(&filled(), 10_000.0),
            Outcome::Rejected { message: None },
        );
        let rewritten = rejected
            .apply(edit(Field::Quote, "a passage"))
            .apply(Action::Retry(Some("key-5".into())));
        assert_eq!(rewritten.idempotency_key, "key-5");
        // A restored draft whose send had started: an edit means a new key, none the same.
        let restored = open().apply(restore(GOOD, "key-saved", 0.0, true));
        assert_eq!(submit(&restored, 9_000.0).idempotency_key, "key-saved");
        let changed = restored.apply(edit(Field::Name, "R. Reader"));
        assert_eq!(submit(&changed, 9_000.0).idempotency_key, "key-new");
    }
}
