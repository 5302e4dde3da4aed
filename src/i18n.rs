//! Every string the widget itself shows (not the article's content), one table per locale.
//! Pure data so it is testable on the host; adding a language is adding one `Strings` value and
//! one arm in [`strings_for`].

/// The widget's UI strings for one locale.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// BCP 47 tag of this table.
    pub lang: &'static str,
    /// Writing direction: `"ltr"` or `"rtl"`.
    pub dir: &'static str,
    /// "By" before the byline.
    pub by: &'static str,
    /// Joins the last two names in a byline.
    pub and: &'static str,
    /// Label before the publication date.
    pub published: &'static str,
    /// Label before the update date.
    pub updated: &'static str,
    /// Reading time, `{n}` is replaced by the minutes.
    pub reading_time: &'static str,
    /// Accessible name of the related-article teaser.
    pub related_label: &'static str,
    /// Default kicker of the teaser.
    pub related_kicker: &'static str,
    /// Credit prefix on photos.
    pub photo_credit: &'static str,
    /// Trust box heading.
    pub trust_heading: &'static str,
    /// Default corrections statement.
    pub trust_statement: &'static str,
    /// Link text to the editorial standards.
    pub trust_standards: &'static str,
    /// Link text to the corrections policy.
    pub trust_corrections_policy: &'static str,
    /// Link text to the ethics policy.
    pub trust_ethics: &'static str,
    /// The button that opens the correction form.
    pub submit_correction: &'static str,
    /// Heading of the published corrections list.
    pub corrections_heading: &'static str,
    /// Accessible name of the tag navigation.
    pub tags_label: &'static str,
    /// Accessible name of the author card.
    pub about_author: &'static str,
    /// Author card section headings.
    pub education: &'static str,
    /// Location heading.
    pub location: &'static str,
    /// Languages heading.
    pub languages: &'static str,
    /// Expertise heading.
    pub expertise: &'static str,
    /// Recently posted heading.
    pub recent: &'static str,
    /// Elsewhere (sameAs links) heading.
    pub elsewhere: &'static str,
    /// Expand the long bio.
    pub full_bio: &'static str,
    /// Loading placeholder's accessible text.
    pub loading: &'static str,
    /// Error box heading.
    pub error_heading: &'static str,
    /// Data could not be fetched.
    pub error_unavailable: &'static str,
    /// Data was there but unusable.
    pub error_invalid: &'static str,
    /// Shown when the correction form is not available yet.
    pub corrections_unavailable: &'static str,
}

/// English (the default).
pub static EN: Strings = Strings {
    lang: "en",
    dir: "ltr",
    by: "By",
    and: "and",
    published: "Published",
    updated: "Updated",
    reading_time: "{n} min read",
    related_label: "Related article",
    related_kicker: "Related",
    photo_credit: "Photo:",
    trust_heading: "Truth and Accuracy",
    trust_statement: "We are committed to truth and accuracy in all of our journalism. If you spot an error, tell us and we will look into it.",
    trust_standards: "Read our editorial standards",
    trust_corrections_policy: "Corrections policy",
    trust_ethics: "Ethics policy",
    submit_correction: "Submit a correction",
    corrections_heading: "Corrections to this article",
    tags_label: "Topics",
    about_author: "About the author",
    education: "Education",
    location: "Location",
    languages: "Languages spoken",
    expertise: "Topics of expertise",
    recent: "Recently posted",
    elsewhere: "Elsewhere",
    full_bio: "Read full biography",
    loading: "Loading article…",
    error_heading: "This article could not be shown",
    error_unavailable: "The article could not be loaded. Check your connection and reload the page.",
    error_invalid: "The article data on this page is incomplete or invalid.",
    corrections_unavailable: "Corrections cannot be submitted from this page yet.",
};

/// Spanish.
pub static ES: Strings = Strings {
    lang: "es",
    dir: "ltr",
    by: "Por",
    and: "y",
    published: "Publicado",
    updated: "Actualizado",
    reading_time: "{n} min de lectura",
    related_label: "Artículo relacionado",
    related_kicker: "Relacionado",
    photo_credit: "Foto:",
    trust_heading: "Veracidad y precisión",
    trust_statement: "Nos comprometemos con la veracidad y la precisión en todo nuestro periodismo. Si detecta un error, díganoslo y lo revisaremos.",
    trust_standards: "Lea nuestras normas editoriales",
    trust_corrections_policy: "Política de correcciones",
    trust_ethics: "Código ético",
    submit_correction: "Enviar una corrección",
    corrections_heading: "Correcciones a este artículo",
    tags_label: "Temas",
    about_author: "Sobre el autor",
    education: "Formación",
    location: "Ubicación",
    languages: "Idiomas",
    expertise: "Áreas de especialidad",
    recent: "Publicado recientemente",
    elsewhere: "En otros sitios",
    full_bio: "Leer la biografía completa",
    loading: "Cargando el artículo…",
    error_heading: "No se puede mostrar este artículo",
    error_unavailable: "No se pudo cargar el artículo. Compruebe su conexión y vuelva a cargar la página.",
    error_invalid: "Los datos del artículo de esta página están incompletos o no son válidos.",
    corrections_unavailable: "Todavía no se pueden enviar correcciones desde esta página.",
};

/// Arabic (right to left).
pub static AR: Strings = Strings {
    lang: "ar",
    dir: "rtl",
    by: "بقلم",
    and: "و",
    published: "نُشر",
    updated: "حُدّث",
    reading_time: "وقت القراءة: {n} دقيقة",
    related_label: "مقال ذو صلة",
    related_kicker: "ذو صلة",
    photo_credit: "تصوير:",
    trust_heading: "الحقيقة والدقة",
    trust_statement:
        "نلتزم بالحقيقة والدقة في كل أعمالنا الصحفية. إذا لاحظت خطأً فأخبرنا وسنتحقق منه.",
    trust_standards: "اطّلع على معاييرنا التحريرية",
    trust_corrections_policy: "سياسة التصحيحات",
    trust_ethics: "سياسة الأخلاقيات",
    submit_correction: "أرسل تصحيحًا",
    corrections_heading: "تصحيحات على هذا المقال",
    tags_label: "المواضيع",
    about_author: "عن الكاتب",
    education: "التعليم",
    location: "مكان الإقامة",
    languages: "اللغات",
    expertise: "مجالات الخبرة",
    recent: "أحدث المقالات",
    elsewhere: "روابط أخرى",
    full_bio: "اقرأ السيرة الكاملة",
    loading: "جارٍ تحميل المقال…",
    error_heading: "تعذّر عرض هذا المقال",
    error_unavailable: "تعذّر تحميل المقال. تحقّق من اتصالك ثم أعد تحميل الصفحة.",
    error_invalid: "بيانات المقال في هذه الصفحة ناقصة أو غير صالحة.",
    corrections_unavailable: "لا يمكن إرسال التصحيحات من هذه الصفحة بعد.",
};

/// Whether text in this language is written right to left (Arabic, Hebrew, Persian, Urdu and the
/// other RTL scripts' main languages).
pub fn is_rtl(locale: &str) -> bool {
    let primary = locale
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "he" | "iw" | "fa" | "ur" | "ps" | "sd" | "yi" | "dv" | "ug" | "ckb"
    )
}

/// The table for a BCP 47 locale: matched on the primary language subtag, English otherwise.
pub fn strings_for(locale: &str) -> &'static Strings {
    let primary = locale
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "es" => &ES,
        "ar" => &AR,
        _ => &EN,
    }
}

impl Strings {
    /// "4 min read", with the number already formatted for the locale (see `intl::format_number`).
    pub fn reading_time(&self, minutes: &str) -> String {
        self.reading_time.replace("{n}", minutes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_table_by_primary_subtag() {
        assert_eq!(strings_for("es-MX").lang, "es");
        assert_eq!(strings_for("ES").lang, "es");
        assert_eq!(strings_for("en-GB").lang, "en");
        assert_eq!(strings_for("zz").lang, "en");
        assert_eq!(strings_for("ar-EG").dir, "rtl");
        assert!(is_rtl("he-IL") && is_rtl("fa") && !is_rtl("en") && !is_rtl("arn"));
        assert_eq!(strings_for("").lang, "en");
        assert_eq!(EN.reading_time("4"), "4 min read");
    }
}
