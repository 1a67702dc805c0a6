"""A shop's buy box and a Q&A page's answer rows go; the product's description and specifications, the question
and the answer stay, and so do an article's lines about delivery and prices and an interview's "Answer". Composed
pages, no corpus text."""

from __future__ import annotations

from builder.rules.shop import AnswerRows, ShopRows
from tests.test_line_rules import classify, decide

SHOP, ANSWER = "boilerplate_shop", "boilerplate_answer_row"

# An Arabic spice shop's product page: title, buy box, description and specifications, delivery lines.
ARABIC_SHOP = ["هيل أخضر حبة كبيرة من غواتيمالا - 250 غراماً",
               "42.00 ر.س",
               "✔ متوفر في المخزون (بقي 5 قطع)",
               "الكمية: - 1 +",
               "أضف إلى السلة",
               "اشترِ الآن",
               "قسّم المبلغ على 3 دفعات بلا فوائد",
               "حبات الهيل هذه قُطفت قبل نضجها الكامل بقليل، ولذلك تحتفظ بلونها الأخضر ورائحتها القوية عند الطحن.",
               "المنشأ: غواتيمالا",
               "الوزن الصافي: 250 غراماً",
               "احفظ الهيل في علبة محكمة الإغلاق بعيداً عن الضوء، واطحنه قبل الاستعمال مباشرة ليبقى عطره.",
               "يُشحن خلال يومي عمل إلى المدن الرئيسية",
               "يمكنك إرجاع العبوة خلال 10 أيام إن لم تُفتح"]
ARABIC_SALE = [1, 2, 3, 4, 5, 6, 11, 12]
# An English one, its buy box under the description.
ENGLISH_SHOP = ["Hand-thrown Stoneware Mug – Sea Green",
                "Each mug is thrown on the wheel in our Cornish studio and glazed by hand, so no two are alike.",
                "Capacity: 350 ml",
                "Dishwasher safe",
                "Warm the mug with hot water first on a cold morning, and it will keep your tea hot for longer.",
                "£24.00",
                "Quantity",
                "Add to basket",
                "Only 2 left in stock",
                "Pay in 3 interest-free instalments with Klarna",
                "Free delivery on orders over £50 · 30-day returns"]
ENGLISH_SALE = [5, 6, 7, 8, 9, 10]
# A news article about delivery times and prices: no buy box, every line stays.
ARTICLE = ["Couriers warn of longer delivery times before the holidays",
           "Parcel firms said on Tuesday that delivery in rural areas could take up to five working days in December.",
           "Returns will be slower too.",
           "A standard parcel now costs £4.20 to send, up from £3.90 last year.",
           "£4.20",
           "Retailers have asked customers to order before 15 December."]


def test_a_product_pages_buy_box_goes_and_its_description_stays() -> None:
    """The price alone, the stock, the quantity, the buttons, the instalment offer, delivery and returns go (Arabic
    and English); the title, description and specifications stay."""
    for page, sale in ((ARABIC_SHOP, ARABIC_SALE), (ENGLISH_SHOP, ENGLISH_SALE)):
        decided = decide(ShopRows(), page)
        assert [i for i, why in enumerate(decided) if why == SHOP] == sale
        planned = classify(page)
        assert all(planned[i] is not None for i in sale)
        assert all(planned[i] is None for i in range(len(page)) if i not in sale)


def test_an_article_about_delivery_and_prices_keeps_every_line() -> None:
    """No cart, stock, quantity or instalment line: the page is no shop's, its delivery and price lines stay."""
    assert decide(ShopRows(), ARTICLE) == [None] * len(ARTICLE)
    one_button = [*ARTICLE, "Basket (0)"]  # a news site's shop link alone is one kind, not a buy box
    assert decide(ShopRows(), one_button) == [None] * len(one_button)
    # the news's stock exchange, a loan's tranche, basketball and a store room are no buy box's words
    news = ["اسٹاک ایکسچینج میں کاروبار کا آغاز تیزی سے ہوا",
            "آئی ایم ایف سے اگلی قسط ملنے کی امید، وزیر خزانہ",
            "منتخب كرة السلة يفوز على ضيفه في افتتاح البطولة",
            "بارگیری جو در انبار شرکت پشتیبانی امور دام",
            "ڈلیوری کے نئے قواعد آج سے نافذ",
            "پیٹرول 5 روپے سستا"]
    assert decide(ShopRows(), news) == [None] * len(news)


# A fatwa page: the question, its labels, the answer's heading, the answerer, the answer, the votes and the mark.
FATWA = ["هل يجوز إخراج زكاة الفطر نقداً بدلاً من الطعام؟",
         "السائل: أم خالد – تونس",
         "رقم الفتوى: 10542",
         "▲ 17 ▼",
         "السلام عليكم، جرت عادتنا في البيت أن نخرج زكاة الفطر قمحاً، وسمعت أن بعض العلماء أجاز إخراجها نقداً.",
         "الجواب",
         "أجاب عنه: الشيخ محمد الطاهر – لجنة الفتوى",
         "وعليكم السلام ورحمة الله، الأصل في زكاة الفطر أن تُخرج طعاماً كما جاء في الحديث.",
         "وأجاز بعض أهل العلم إخراج القيمة إذا كانت أنفع للفقير، والأمر في ذلك واسع.",
         "▲ 40 ▼",
         "✔ إجابة معتمدة من اللجنة"]
FATWA_ROWS = [1, 2, 3, 5, 6, 9, 10]
# An Urdu health-answer page: the asker, the heading, the doctor's name and title, the answer, "more answers".
HEALTH = ["کیا حمل کے دوران روزہ رکھنا محفوظ ہے؟",
          "سوال از: نادیہ، ملتان",
          "میں پانچویں مہینے میں ہوں اور رمضان قریب ہے۔ کیا میں روزے رکھ سکتی ہوں یا نہیں؟",
          "جواب",
          "ڈاکٹر نسرین اختر",
          "ماہر امراض نسواں",
          "محترمہ نادیہ،",
          "اگر آپ کی صحت ٹھیک ہے اور شوگر یا بلڈ پریشر کا مسئلہ نہیں تو ڈاکٹر کے مشورے سے روزہ رکھا جا سکتا ہے۔",
          "مزید جوابات",
          "ڈاکٹر عمران شاہ",
          "جنرل فزیشن",
          "پانی کی کمی سے بچنے کے لیے سحری اور افطاری میں زیادہ پانی پئیں۔"]
HEALTH_ROWS = [1, 3, 4, 5, 8, 9, 10]
# An interview: "Answer" alone over a reply, no asker, number, votes or mark: it stays.
INTERVIEW = ["Question",
             "What made you return to the village after twenty years in the city?",
             "Answer",
             "My mother was ill, and once I was back I saw how much the school needed a teacher."]


def test_a_qa_pages_labels_go_and_the_question_and_answer_stay() -> None:
    """The asker, number, votes, heading, answerer, verified mark and "more answers" with the doctor's name and
    title under the headings go (Arabic and Urdu); the question, the greeting and the answers stay."""
    for page, rows in ((FATWA, FATWA_ROWS), (HEALTH, HEALTH_ROWS)):
        decided = decide(AnswerRows(), page)
        assert [i for i, why in enumerate(decided) if why == ANSWER] == rows
        planned = classify(page)
        assert all(planned[i] is not None for i in rows)
        assert all(planned[i] is None for i in range(len(page)) if i not in rows)


def test_an_interviews_answer_heading_stays() -> None:
    """A heading alone is no Q&A page: "Answer" and the lines under it stay."""
    assert decide(AnswerRows(), INTERVIEW) == [None] * len(INTERVIEW)


def test_a_fatwa_pages_related_fatwas_box_goes() -> None:
    """"فتاوى ذات صلة" (related fatwas) labels a box of other questions under the answer, as "أسئلة مشابهة" does:
    the label and its questions go, the fatwa stays."""
    related = ["فتاوى ذات صلة",
               "حكم إخراج زكاة الفطر قبل العيد بأيام",
               "هل تجب زكاة الفطر عن الجنين؟",
               "مقدار زكاة الفطر بالكيلوغرام"]
    page = [*FATWA, *related]
    planned = classify(page)
    assert all(why is not None for why in planned[len(FATWA):])
    assert [i for i in range(len(FATWA)) if planned[i] is None] == [0, 4, 7, 8]
