"""An author's box under the article, headed "About the author" in the page's language (`bios.AuthorBio`): the
heading and the bio right under it go in any script; the same words inside the article, or with no article above
them, stay. Composed lines."""

from __future__ import annotations

from builder.rules.bios import AuthorBio
from tests.test_line_rules import classify, decide

BODY_AR = ["أعلنت البلدية أمس بدء أعمال ترميم السوق القديم بعد سنوات من الإهمال وتراجع عدد الزوار.",
           "وقال رئيس البلدية إن الأعمال ستستمر ستة أشهر وستشمل الأسقف الخشبية والأرضيات الحجرية.",
           "ويأمل التجار أن يعود السوق إلى سابق عهده قبل موسم الصيف المقبل."]
BODY_UR = ["شہر کی پرانی کتابوں کی دکانیں ایک ایک کر کے بند ہو رہی ہیں اور خریدار کم ہوتے جا رہے ہیں۔",
           "دکانداروں کا کہنا ہے کہ کرایے بڑھ گئے ہیں جبکہ نوجوان اب آن لائن کتابیں خریدتے ہیں۔",
           "اس کے باوجود ہر اتوار کو پرانی کتابوں کا بازار لگتا ہے جہاں لوگ دور دور سے آتے ہیں۔"]
BODY_FR = ["Le conseil municipal a voté lundi la fermeture de la bibliothèque le samedi dès janvier.",
           "Les habitants estiment que la mesure pénalise les familles et les lecteurs âgés.",
           "La mairie réexaminera les horaires à l'automne prochain, selon une porte-parole."]
BODY_FA = ["شهرداری از دیروز مرمت بازار قدیمی شهر را آغاز کرد و کار تا پایان بهار ادامه دارد.",
           "به گفته شهردار، سقف‌های چوبی و کف سنگی راسته‌ها در این مرحله بازسازی می‌شوند.",
           "کسبه امیدوارند بازار پیش از نوروز دوباره پررونق شود."]
BODY_EN = ["The town council voted on Monday to close the library on Saturdays from January to save money.",
           "Residents said the change would hit families and older readers who cannot visit during the week.",
           "The council will review the hours again next autumn, a spokesperson said."]


def test_a_headed_bio_under_the_article_goes() -> None:
    """The bio under the heading has no capitalised name (Arabic, Urdu), through the plan; a Persian one and a French
    one with no copula after the name ("couvre"), by the rule alone (through the plan `references.References` takes
    a short "درباره …" / "À propos …" label at a page's foot and the lines under it first)."""
    pages = [(BODY_AR, "عن الكاتبة", "سلمى حداد صحافية تغطي شؤون البلديات والتراث في المدينة منذ 2018."),
             (BODY_UR, "مصنف کے بارے میں", "احمد علی ریٹائرڈ استاد ہیں اور کئی برسوں سے کالم لکھ رہے ہیں۔")]
    for body, heading, bio in pages:
        decided = classify([*body, heading, bio])
        assert decided == [None] * len(body) + ["boilerplate_author_bio"] * 2, heading
    for body, heading, bio in [
            (BODY_FA, "درباره نویسنده", "مریم کاظمی روزنامه‌نگار است و از سال ۱۳۹۵ درباره میراث شهر می‌نویسد."),
            (BODY_FR, "À propos de l'autrice", "Léa Martin couvre la vie municipale et la culture pour le journal.")]:
        assert decide(AuthorBio(), [*body, heading, bio]) == [None] * len(body) + ["boilerplate_author_bio"] * 2


def test_the_heading_s_words_inside_an_article_or_without_one_above_stay() -> None:
    """A review's section named "About the author" with the review going on under it, and a heading with too little
    prose above it (an author's profile page) stay."""
    review = [*BODY_EN, "About the author", "The novelist grew up in the valley and still lives there.",
              "Her new book follows three sisters who run the last shop in a mining village.",
              "It is her best work yet, and the ending stays with you for days."]
    assert decide(AuthorBio(), review) == [None] * len(review)
    profile = [BODY_AR[0], "عن الكاتبة", "سلمى حداد صحافية تغطي شؤون البلديات والتراث في المدينة منذ 2018."]
    assert decide(AuthorBio(), profile) == [None] * len(profile)
