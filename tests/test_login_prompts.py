"""A forum's or Q&A site's prompt to log in before posting ("You must log in or register to reply here."), in the
languages of the corpus and the web's. Composed lines."""

from __future__ import annotations

from builder.rules.web import WebNotice
from tests.test_line_rules import classify, decide


def test_a_prompt_to_log_in_before_posting_goes() -> None:
    """It names logging in or registering, and posting, replying or answering, and tells the visitor they must."""
    prompts = ["You need to be signed in to post an answer.", "Sie müssen sich anmelden, um hier zu antworten.",
               "Vous devez être connecté pour participer à la discussion.",
               "يجب تسجيل الدخول للرد على الموضوع.", "أنت غير مسجل. للمشاركة في النقاش سجل الآن.",
               "برای ارسال پاسخ باید وارد شوید."]
    assert decide(WebNotice(), prompts) == ["boilerplate_notice"] * len(prompts)


def test_an_arabic_prompt_that_says_your_login_or_account_goes() -> None:
    """Arabic prompts address the visitor by "your login / your account" (دخولك، حسابك) rather than "you must", and
    may write the shadda of "سجّل" (log in); a report of a site's rule names the users in the third person."""
    prompts = ["سجّل دخولك أو أنشئ حساباً جديداً حتى تستطيع الرد على المواضيع.",
               "أنشئ حسابك أو سجل الدخول للمشاركة في النقاش."]
    report = ["وسيطلب الموقع من الأعضاء تسجيل الدخول مرة أخرى قبل المشاركة، حسب ما أعلنت إدارته أمس."]
    article = ["تتساقط أوراق شجرة الليمون في الأصيص عادة بسبب الإفراط في الري خلال الشتاء، لا بسبب البرد.",
               "ويكفي أن تسقى الشجرة مرة كل أربعة أيام حتى يجف أعلى التربة بين ريّة وأخرى."]
    decided = classify([*article, *report, *prompts])
    assert decided == [None] * (len(article) + len(report)) + ["boilerplate_notice"] * len(prompts), decided


def test_a_report_or_a_how_to_that_names_logging_in_stays() -> None:
    """Reports of a site's rules name the same things without telling the visitor to do anything, and a how-to's
    long step does; both are the article's."""
    lines = ["The forum now asks members to log in again before they can post, the administrators said.",
             "وقالت الشركة إن المستخدمين سيحتاجون إلى تسجيل الدخول قبل نشر أي تعليق على المنصة الجديدة.",
             "Once you have registered, open the settings page, choose a display name and write a short profile, "
             "then post your first question in the beginners' section where the regulars answer within a day."]
    assert decide(WebNotice(), lines) == [None] * len(lines)


def test_a_thread_s_last_reply_stays_when_the_prompt_under_it_goes() -> None:
    """With the log-in prompt gone, the last reply of a thread has nothing under it but the page's foot; the rows
    above it (the poster's buttons) came already between the posts above, so it is a thread's reply, not a
    comment under an article."""
    page = ["Cloudy water after cleaning the filter?", "tankfan", "21 Nov 2026",
            "I cleaned the filter sponge under the tap last week and since then the water has been cloudy.",
            "The fish seem fine, but I would like to know whether I should change some water now or wait.",
            "Quote", "Reply", "Report", "reefkeeper", "22 Nov 2026", "#2", "Hi tankfan,",
            "That is a bacterial bloom, because tap water killed part of the bacteria in the sponge.",
            "Quote", "Reply", "Report", "tankfan", "27 Nov 2026", "#3",
            "Thanks, that was it, the water has been clear again since yesterday.",
            "You must log in or register to reply here.", "Forum software © 2026 Example Ltd.", "Terms", "Privacy"]
    decided = classify(page)
    assert decided[20] == "boilerplate_notice"
    assert decided[19] is None


def test_a_typo_report_widget_goes_and_a_how_to_s_shortcut_stays() -> None:
    """A site's call to report a mistake names the key chord that sends the selected text to the editors and the
    mistake or the editors ("Нашли ошибку? Выделите текст и нажмите Ctrl+Enter"); a how-to's step names the chord
    for what it does in a program, with no mistake to report."""
    widgets = ["Нашли ошибку? Выделите текст и нажмите Ctrl+Enter",
               "Iezīmējiet tekstu un spiediet Ctrl+Enter, lai nosūtītu labojamo teksta fragmentu redaktoram!",
               "Found a typo? Select it and press Ctrl + Enter to tell the editors."]
    how_to = ["In Word, press Ctrl+Enter to start a new page where the cursor stands.",
              "Чтобы отправить сообщение, нажмите Ctrl+Enter.",
              "The editors fixed the mistake in the report within an hour, the newspaper said."]
    assert decide(WebNotice(), widgets + how_to) == ["boilerplate_notice"] * len(widgets) + [None] * len(how_to)


def test_a_poll_s_question_over_its_tallied_answers_goes_and_a_question_over_a_list_stays() -> None:
    """A short question with its answers' tallies under it ("کیا یہ جواب مفید تھا؟" / "ہاں (41)" / "نہیں (3)") or
    after it on its line ("War dieser Artikel hilfreich? Ja (12) Nein (1)") is a poll of the page; a subheading that
    asks a question over the article's list has no tallies under it."""
    poll = ["کیا یہ جواب مفید تھا؟", "ہاں (41)", "نہیں (3)", "War dieser Artikel hilfreich? Ja (12) Nein (1)"]
    article = ["What do you need?", "Flour", "Two eggs", "Which districts are hit?", "North (3 streets)",
               "Centre: 2 streets", "Who voted for the plan? The council (12) and the mayor."]
    assert decide(WebNotice(), poll + article) == ["boilerplate_notice"] * len(poll) + [None] * len(article)


def test_a_turkish_log_in_prompt_and_an_urdu_outdated_browser_notice_go() -> None:
    """"Yorum yazabilmek için üye girişi yapmalısınız." names logging in and commenting and tells the visitor they
    must; "آپ کا براؤزر پرانا ہے" is the outdated-browser notice in Urdu. A report that members log in stays."""
    notices = ["Yorum yazabilmek için üye girişi yapmalısınız.",
               "آپ کا براؤزر پرانا ہے۔ ویب سائٹ کو بہتر طور پر دیکھنے کے لیے براہ کرم اپنا براؤزر اپ ڈیٹ کریں۔"]
    report = ["Belediye, üye girişi yapan vatandaşların yorum bırakabildiği yeni bir site açtı.",
              "پرانے براؤزر استعمال کرنے والے صارفین کی تعداد کم ہو رہی ہے۔"]
    assert decide(WebNotice(), notices + report) == ["boilerplate_notice"] * len(notices) + [None] * len(report)


def test_an_outdated_browser_notice_in_spanish_goes_and_a_report_on_browsers_stays() -> None:
    """"Su navegador no está actualizado", "Tu navegador está desactualizado", "un navegador que ya no es compatible":
    the page's notice to its visitor; a report on browsers names neither the visitor's browser nor the update."""
    notices = ["Su navegador no está actualizado. Para ver este sitio correctamente, use Chrome, Firefox o Edge.",
               "Tu navegador está desactualizado. Para ver correctamente este sitio, usa la versión más reciente.",
               "Estás usando un navegador que ya no es compatible. Actualízalo para seguir los marcadores en vivo."]
    report = ["El uso de Internet Explorer cayó por debajo del 1 % de los usuarios en México, según el estudio."]
    assert decide(WebNotice(), notices + report) == ["boilerplate_notice"] * len(notices) + [None] * len(report)


def test_an_urdu_skip_link_goes() -> None:
    """"مواد کی طرف جائیں" (go to the content) is the skip link as "مواد پر جائیں" is; a sentence about the content
    stays."""
    lines = ["مواد کی طرف جائیں",
             "حکومت نے نصاب کے مواد کی طرف توجہ دینے کا فیصلہ کیا ہے اور اساتذہ سے تجاویز مانگی ہیں۔"]
    assert decide(WebNotice(), lines) == ["boilerplate_notice", None]


def test_an_audio_player_s_label_a_feedback_question_and_a_newsletter_box_go_in_the_plan() -> None:
    """A player's label over the article ("Listen to this article", "Écouter cet article"), a page's question
    whether it helped ("Was this guide helpful?", "Is this page useful?") and a newsletter box's lines (an inbox
    or an unsubscribe with a newsletter's words: weekly, briefing, no spam), through the plan. An article's
    sentences that name an inbox or listening stay."""
    article = ["The council will collect garden waste every two weeks from March, a change agreed on Tuesday.",
               "If a message like this one lands in your inbox, delete it without opening the link, the police said.",
               "Residents can listen to the full debate on the council's website, where it is kept for a year.",
               "Phishing emails arrive in your inbox every day, and most of them ask for a password."]
    widgets = ["Listen to this article", "Écouter cet article", "Was this guide helpful?", "Is this page useful?",
               "¿Te ha resultado útil este artículo?",
               "Get the Evening Digest in your inbox every weekday.",
               "One email every Monday with the week's best gardening tips. No spam, unsubscribe any time.",
               "Recevez notre newsletter chaque semaine dans votre boîte mail."]
    closing = ["Collections will start at 7am, so bins should be out the night before, the council said."]
    assert classify([*article, *widgets, *closing]) == \
        [None] * len(article) + ["boilerplate_notice"] * len(widgets) + [None] * len(closing)


def test_a_portuguese_or_spanish_prompt_to_log_in_before_commenting_goes() -> None:
    """"Para comentar tem de iniciar sessão." (Portuguese: to comment you must log in) and its Spanish sister name
    commenting with the verb ("comentar", one m) and the Portuguese log-in and must ("iniciar sessão", "tem de");
    a report of a site's new rule in Portuguese names the users in the third person, and stays."""
    prompts = ["Para comentar tem de iniciar sessão.", "Para responder precisa de fazer login ou registar-se.",
               "Para comentar debes iniciar sesión."]
    report = ["O jornal disse que os leitores vão passar a iniciar sessão antes de comentar as notícias do site."]
    assert decide(WebNotice(), [*prompts, *report]) == ["boilerplate_notice"] * len(prompts) + [None]


def test_a_typo_report_widget_s_other_lines_go_with_its_chord_line() -> None:
    """The widget's title, its second instruction (for the mouse) and its button stand right around the chord line
    and name the mistake too ("Kļūda rakstā?" / "… Ctrl+Enter …" / "… spiediet uz Ziņot par kļūdu pogas …" /
    "Ziņot par kļūdu"): they go with it. The article's sentence about an error, under the widget or far from it, ends
    with a full stop and stays; a line that names no mistake ends the widget."""
    page = ["Kļūda rakstā?",
            "Iezīmējiet tekstu un spiediet Ctrl+Enter, lai nosūtītu labojamo teksta fragmentu redaktoram!",
            "Iezīmējiet tekstu un spiediet uz Ziņot par kļūdu pogas, lai nosūtītu fragmentu redaktoram!",
            "Ziņot par kļūdu",
            "The error in the figures was corrected on Monday, the ministry said.",
            "Found a mistake?", "Readers",
            "Select the text and press Ctrl+Enter to tell the editors."]
    assert decide(WebNotice(), page) == ["boilerplate_notice"] * 4 + [None, None, None, "boilerplate_notice"]


def test_a_newsletter_line_that_names_the_inbox_and_the_call_to_subscribe_goes() -> None:
    """A newsletter box's line names the inbox and how often the letter comes ("… في بريدك كل صباح") or the call to
    subscribe ("… en tu correo. ¡Suscríbete gratis!"). A privacy policy's line on unsubscribing names the inbox and
    "unsubscribe" alone: it stays."""
    boxes = ["احصل على أهم أخبار المدينة في بريدك كل صباح",
             "Recibe las noticias más importantes de la región en tu correo. ¡Suscríbete gratis!"]
    policy = ["Honor opt-out and unsubscribe requests from your inbox quickly.",
              "If at any time you would like to unsubscribe from our emails, use the link in your inbox."]
    assert decide(WebNotice(), boxes + policy) == ["boilerplate_notice"] * len(boxes) + [None] * len(policy)
