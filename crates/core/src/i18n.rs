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
    /// An embed's facade: where it comes from (`{provider}`).
    pub embed_from: &'static str,
    /// The button that loads an embed in place (`{provider}`).
    pub embed_load: &'static str,
    /// The link that opens an embed on its own site (`{provider}`).
    pub embed_open: &'static str,
    /// What loading an embed shares (`{provider}`).
    pub embed_notice: &'static str,
    /// Said when the page's policy refuses an embed's frame and it opened on its site instead.
    pub embed_refused: &'static str,
    /// Told to screen readers before deleted text.
    pub deleted: &'static str,
    /// Told to screen readers before inserted text.
    pub inserted: &'static str,
    /// Heading of the footnotes.
    pub notes_heading: &'static str,
    /// A footnote's link back to its reference.
    pub note_back: &'static str,
    /// Accessible name of a table without a caption.
    pub table_label: &'static str,
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
    /// Shown when no correction endpoint is configured.
    pub corrections_unavailable: &'static str,
    /// The button next to a text selection in the article.
    pub suggest: &'static str,
}

/// The correction form's strings for one locale.
#[derive(Debug, PartialEq, Eq)]
pub struct FormStrings {
    /// Heading of the correction form (also the selection button's text).
    pub heading: &'static str,
    /// Line under the heading.
    pub intro: &'static str,
    /// Marks an optional field.
    pub optional: &'static str,
    /// Marks a required field.
    pub required: &'static str,
    /// Passage field label.
    pub quote_label: &'static str,
    /// Passage field hint.
    pub quote_hint: &'static str,
    /// Correction field label.
    pub correction_label: &'static str,
    /// Correction field hint.
    pub correction_hint: &'static str,
    /// Source field label.
    pub source_label: &'static str,
    /// Source field hint.
    pub source_hint: &'static str,
    /// Name field label.
    pub name_label: &'static str,
    /// Name field hint.
    pub name_hint: &'static str,
    /// Email field label.
    pub email_label: &'static str,
    /// Email field hint.
    pub email_hint: &'static str,
    /// Label of the hidden spam trap (people never see it).
    pub honeypot: &'static str,
    /// A required field is empty.
    pub err_required: &'static str,
    /// Too short: `{n}` is the minimum.
    pub err_short: &'static str,
    /// Too long: `{n}` is the maximum.
    pub err_long: &'static str,
    /// Not an http(s) address.
    pub err_url: &'static str,
    /// Not an email address.
    pub err_email: &'static str,
    /// The consent box is not ticked.
    pub err_consent: &'static str,
    /// Submit button.
    pub send: &'static str,
    /// Submit button and status while sending.
    pub sending: &'static str,
    /// Status while waiting to retry, `{n}` seconds.
    pub retrying: &'static str,
    /// Status while the server asks us to wait, `{n}` seconds.
    pub busy: &'static str,
    /// Heading when sending failed.
    pub failed: &'static str,
    /// Line after the failure.
    pub failed_hint: &'static str,
    /// Thank-you heading.
    pub thanks: &'static str,
    /// Thank-you text.
    pub thanks_text: &'static str,
    /// Label before the reference id.
    pub reference: &'static str,
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
    embed_from: "Content from {provider}",
    embed_load: "Show it here",
    embed_open: "Open on {provider}",
    embed_notice: "Showing it here lets {provider} know of your visit.",
    embed_refused: "This page cannot show it here: it opened on {provider} in a new tab.",
    deleted: "deleted:",
    inserted: "inserted:",
    notes_heading: "Notes",
    note_back: "Back to the text",
    table_label: "Table",
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
    corrections_unavailable: "Corrections cannot be submitted from this page.",
    suggest: "Suggest a correction",
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
    embed_from: "Contenido de {provider}",
    embed_load: "Mostrarlo aquí",
    embed_open: "Abrir en {provider}",
    embed_notice: "Al mostrarlo aquí, {provider} sabrá de su visita.",
    embed_refused: "Esta página no puede mostrarlo aquí: se abrió en {provider} en otra pestaña.",
    deleted: "eliminado:",
    inserted: "añadido:",
    notes_heading: "Notas",
    note_back: "Volver al texto",
    table_label: "Tabla",
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
    corrections_unavailable: "No se pueden enviar correcciones desde esta página.",
    suggest: "Sugerir una corrección",
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
    embed_from: "محتوى من {provider}",
    embed_load: "اعرضه هنا",
    embed_open: "افتحه على {provider}",
    embed_notice: "عرضه هنا يُعلم {provider} بزيارتك.",
    embed_refused: "لا تسمح هذه الصفحة بعرضه هنا: فُتح على {provider} في علامة تبويب جديدة.",
    deleted: "محذوف:",
    inserted: "مُضاف:",
    notes_heading: "ملاحظات",
    note_back: "العودة إلى النص",
    table_label: "جدول",
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
    corrections_unavailable: "لا يمكن إرسال التصحيحات من هذه الصفحة.",
    suggest: "اقترح تصحيحًا",
};

/// The correction form in English.
pub static EN_FORM: FormStrings = FormStrings {
    heading: "Suggest a correction",
    intro: "Tell the editors what is wrong. We read every message.",
    optional: "optional",
    required: "required",
    quote_label: "The passage in question",
    quote_hint: "Paste or select the words you think are wrong.",
    correction_label: "What is wrong, and what is right?",
    correction_hint: "Explain the error and give the correct information.",
    source_label: "Supporting source",
    source_hint: "A link where the correct information can be checked (http or https).",
    name_label: "Your name",
    name_hint: "If you would like to be credited.",
    email_label: "Your email",
    email_hint: "Only used to follow up on this correction.",
    honeypot: "Leave this field empty",
    err_required: "This field is required.",
    err_short: "Write at least {n} characters.",
    err_long: "Write at most {n} characters.",
    err_url: "Enter a web address starting with http:// or https://.",
    err_email: "Enter an email address like name@example.com.",
    err_consent: "Tick this box to send your correction.",
    send: "Send correction",
    sending: "Sending…",
    retrying: "Could not reach the newsroom. Trying again in {n} s…",
    busy: "The newsroom is busy. Trying again in {n} s…",
    failed: "Your correction was not sent",
    failed_hint: "Your text is still here. Check your connection and try again.",
    thanks: "Thank you",
    thanks_text: "Your correction has reached the editors.",
    reference: "Reference:",
};

/// The correction form in Spanish.
pub static ES_FORM: FormStrings = FormStrings {
    heading: "Sugerir una corrección",
    intro: "Cuéntenos qué está mal. Leemos todos los mensajes.",
    optional: "opcional",
    required: "obligatorio",
    quote_label: "El pasaje en cuestión",
    quote_hint: "Pegue o seleccione las palabras que cree que son incorrectas.",
    correction_label: "¿Qué está mal y qué es lo correcto?",
    correction_hint: "Explique el error y dé la información correcta.",
    source_label: "Fuente que lo respalda",
    source_hint: "Un enlace donde se pueda comprobar la información correcta (http o https).",
    name_label: "Su nombre",
    name_hint: "Si desea que le demos crédito.",
    email_label: "Su correo electrónico",
    email_hint: "Solo para hacer seguimiento de esta corrección.",
    honeypot: "Deje este campo vacío",
    err_required: "Este campo es obligatorio.",
    err_short: "Escriba al menos {n} caracteres.",
    err_long: "Escriba como máximo {n} caracteres.",
    err_url: "Escriba una dirección web que empiece por http:// o https://.",
    err_email: "Escriba un correo como nombre@ejemplo.com.",
    err_consent: "Marque esta casilla para enviar su corrección.",
    send: "Enviar corrección",
    sending: "Enviando…",
    retrying: "No se pudo contactar con la redacción. Reintentando en {n} s…",
    busy: "La redacción está ocupada. Reintentando en {n} s…",
    failed: "Su corrección no se envió",
    failed_hint: "Su texto sigue aquí. Compruebe su conexión e inténtelo de nuevo.",
    thanks: "Gracias",
    thanks_text: "Su corrección ha llegado a la redacción.",
    reference: "Referencia:",
};

/// The correction form in Arabic.
pub static AR_FORM: FormStrings = FormStrings {
    heading: "اقترح تصحيحًا",
    intro: "أخبر المحررين بما هو خاطئ. نقرأ كل رسالة.",
    optional: "اختياري",
    required: "مطلوب",
    quote_label: "المقطع المعني",
    quote_hint: "الصق الكلمات التي تعتقد أنها خاطئة أو حدّدها في المقال.",
    correction_label: "ما الخطأ، وما الصواب؟",
    correction_hint: "اشرح الخطأ واذكر المعلومة الصحيحة.",
    source_label: "مصدر داعم",
    source_hint: "رابط يمكن التحقق فيه من المعلومة الصحيحة (http أو https).",
    name_label: "اسمك",
    name_hint: "إذا رغبت في ذكر اسمك.",
    email_label: "بريدك الإلكتروني",
    email_hint: "يُستخدم فقط لمتابعة هذا التصحيح.",
    honeypot: "اترك هذا الحقل فارغًا",
    err_required: "هذا الحقل مطلوب.",
    err_short: "اكتب {n} حرفًا على الأقل.",
    err_long: "اكتب {n} حرفًا على الأكثر.",
    err_url: "أدخل عنوان ويب يبدأ بـ http:// أو https://.",
    err_email: "أدخل بريدًا إلكترونيًا مثل name@example.com.",
    err_consent: "ضع علامة في هذا المربع لإرسال تصحيحك.",
    send: "أرسل التصحيح",
    sending: "جارٍ الإرسال…",
    retrying: "تعذّر الوصول إلى غرفة الأخبار. إعادة المحاولة بعد {n} ث…",
    busy: "غرفة الأخبار مشغولة. إعادة المحاولة بعد {n} ث…",
    failed: "لم يُرسل تصحيحك",
    failed_hint: "نصّك ما زال هنا. تحقّق من اتصالك وحاول مجددًا.",
    thanks: "شكرًا لك",
    thanks_text: "وصل تصحيحك إلى المحررين.",
    reference: "الرقم المرجعي:",
};

/// The words aw-server's own form page adds (the native form's refusal, without JavaScript): not
/// in the widget's bundle, which never shows them.
pub struct PageStrings {
    /// Heading of the error summary.
    pub summary: &'static str,
    /// One correction a minute: `{n}` seconds until the next.
    pub throttled: &'static str,
    /// A resend under a key used for other words: nothing was sent.
    pub held: &'static str,
    /// The thank-you page's link back to the page the reader came from.
    pub back: &'static str,
}

/// English.
pub static EN_PAGE: PageStrings = PageStrings {
    summary: "There is a problem",
    back: "Back to the article",
    held: "Not sent yet. Please check your correction, then press \"Send correction\" again.",
    throttled:
        "You sent a correction for this article a moment ago. You can send another in {n} s.",
};

/// Spanish.
pub static ES_PAGE: PageStrings = PageStrings {
    summary: "Hay un problema",
    back: "Volver al artículo",
    held: "Aún no se ha enviado. Revise su corrección y pulse «Enviar corrección» de nuevo.",
    throttled: "Acaba de enviar una corrección para este artículo. Podrá enviar otra en {n} s.",
};

/// Arabic.
pub static AR_PAGE: PageStrings = PageStrings {
    summary: "هناك مشكلة",
    back: "العودة إلى المقال",
    held: "لم يُرسل بعد. راجع تصحيحك ثم اضغط «أرسل التصحيح» مرة أخرى.",
    throttled: "أرسلت تصحيحًا لهذا المقال قبل قليل. يمكنك إرسال آخر بعد {n} ث.",
};

/// aw-server's page words for a locale (English for unknown ones).
pub fn page_strings_for(locale: &str) -> &'static PageStrings {
    match strings_for(locale).lang {
        "es" => &ES_PAGE,
        "ar" => &AR_PAGE,
        _ => &EN_PAGE,
    }
}

/// The correction form's strings for a locale (the native form's markup carries them).
pub fn form_strings_for(locale: &str) -> &'static FormStrings {
    match strings_for(locale).lang {
        "es" => &ES_FORM,
        "ar" => &AR_FORM,
        _ => &EN_FORM,
    }
}

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
