"""FormFields: a web form's required-field labels ("Nom *") and the short labels next to them. Composed lines, no
corpus text."""

from __future__ import annotations

from builder.rules.forms import FormFields
from tests.test_line_rules import classify, decide

P1 = "Once the heel turned, the rest of the sock went faster than I had ever expected it to."
P2 = "Next time I would knit the leg a little longer and choose a lighter wool to see the stitches."
FORM = "boilerplate_form"


def test_required_fields_and_the_labels_and_button_next_to_them_go() -> None:
    page = [P1, P2, "Leave a comment", "Comment *", "Name *", "Email*", "Website", "Post Comment",
            "This site uses Akismet to reduce spam."]
    assert decide(FormFields(), page) == [None, None] + [FORM] * 6 + [None]
    arabic = [P1, "الاسم *", "البريد الإلكتروني *", "إرسال التعليق"]
    assert decide(FormFields(), arabic) == [None, FORM, FORM, FORM]


def test_a_footnote_mark_a_list_bullet_or_a_sentence_is_no_field() -> None:
    """A figure with a footnote's asterisk, a list item written with a leading one, a long or ended line: the
    article's; and without a field the short lines around stay."""
    page = ["Prices", "Adults £10 *", "* 200 g flour", "Children under 12 go free *", "Fares", P1, "Notes *."]
    assert decide(FormFields(), page) == [None] * 7


def test_the_labels_stop_at_a_sentence_or_a_dropped_line() -> None:
    """The run around a field reaches short unended kept lines only: a sentence ends it, and so does a line an
    earlier rule dropped (what is beyond it is judged on its own)."""
    page = [P1, "What I used", "Share", "Name *", "Post Comment", P2]
    reasons = [None, None, "boilerplate_phrase", None, None, None]
    assert decide(FormFields(), page, reasons=reasons) == [None, None, None, FORM, FORM, None]


def test_in_the_plan_a_comment_form_above_a_sentence_goes_and_the_post_stays() -> None:
    """The default plan: the sentence under the form counts as the article's last prose line, so the footer trim
    stops above the form; FormFields takes its labels, and the post stays."""
    page = ["My first pair of socks", P1, P2, "Commentaire *", "Nom *", "Site web",
            "This site uses a spam filter and keeps every comment private until it is approved."]
    reasons = classify(page)
    assert reasons[3:6] == [FORM] * 3
    assert reasons[:3] == [None] * 3


def test_a_newsletter_form_s_email_field_its_pitch_button_and_consent_go() -> None:
    """A newsletter box: no field is marked required, but one asks for an e-mail ("Email address", "Your email",
    "Adresse e-mail"); the heading that pitches it, the button under it and the consent line under the button go
    with it. The article above stays, and so does a recipe's title right under a box in the middle of a post (the
    field's run reaches one label below it: the button)."""
    page = [P1, P2, "Get the Morning Brief in your inbox", "Email address", "Sign Up",
            "By signing up you agree to our Terms of Service and Privacy Policy.", "Most Popular"]
    assert decide(FormFields(), page) == [None, None, FORM, FORM, FORM, FORM, None]
    french = [P1, "Recevez notre lettre chaque jeudi", "Adresse e-mail", "Je m'inscris",
              "En vous inscrivant, vous acceptez notre politique de confidentialité."]
    assert decide(FormFields(), french) == [None, FORM, FORM, FORM, FORM]
    fields = [P1, "Work email", "Job title", "Sign me up", "You can unsubscribe at any time."]
    assert decide(FormFields(), fields) == [None, FORM, FORM, FORM, FORM]
    middle = [P1, "Your email", "Subscribe", "Pumpkin Bread", "Prep Time: 15 minutes", P2]
    assert decide(FormFields(), middle) == [None, FORM, FORM, None, None, None]


def test_an_e_mail_named_in_a_sentence_or_a_heading_is_no_field() -> None:
    """"How to write a polite email" is a heading of more than three words; a line with an address in it, an
    imperative ("Email the council") and a share button ("Share via Email") name an e-mail but ask for none."""
    page = [P1, "How to write a polite email", P2, "Email: info@example.org", "Email the council", "Share via Email",
            P1]
    assert decide(FormFields(), page) == [None] * len(page)


def test_an_urdu_comment_form_s_e_mail_field_written_in_two_words_goes() -> None:
    """Urdu writes e-mail as two words ("ای میل"), as Persian may with a joiner ("ای‌میل"): the field, its neighbour
    label and the box's heading go, through the plan; a sentence that names an e-mail stays."""
    page = [P1, P2, "اپنی رائے دیں", "نام", "ای میل", "بھیجیں",
            "ای میل کے ذریعے شکایت درج کرانے والوں کو تین دن میں جواب دیا جائے گا۔", P1]
    assert classify(page) == [None, None, FORM, FORM, FORM, FORM, None, None]
