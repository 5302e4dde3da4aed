//! Where a correction is in the editors' triage: the `status` column's values.

/// Where a correction is in the editors' triage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not looked at yet.
    New,
    /// An editor is checking it.
    InReview,
    /// Right: a correction was published.
    Accepted,
    /// Not a mistake.
    Rejected,
    /// Already reported.
    Duplicate,
}

impl Status {
    /// Every status, in triage order.
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::InReview,
        Status::Accepted,
        Status::Rejected,
        Status::Duplicate,
    ];

    /// The stored (and URL) spelling.
    pub fn key(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InReview => "in_review",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Duplicate => "duplicate",
        }
    }

    /// The label editors read.
    pub fn label(self) -> &'static str {
        match self {
            Status::New => "New",
            Status::InReview => "In review",
            Status::Accepted => "Accepted",
            Status::Rejected => "Rejected",
            Status::Duplicate => "Duplicate",
        }
    }

    /// The status stored as `key`.
    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}
