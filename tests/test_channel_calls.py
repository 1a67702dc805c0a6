"""Calls to follow the site on a news aggregator or a messaging channel, in the words of the corpus's and the web's
languages. Composed lines."""

from __future__ import annotations

from builder.rules.web import CallToAction
from tests.test_line_rules import classify, decide


def test_a_call_to_follow_the_site_s_channel_goes() -> None:
    """The verb opens the call (or closes it, in Urdu) and names a channel: Google News, a WhatsApp channel."""
    calls = ["Sigue a El Diario del Valle en Google News", "Ikuti berita terbaru Harian Kota di Google News",
             "تازہ خبروں کے لیے ہمارا واٹس ایپ چینل فالو کریں", "Klik di sini untuk langgan saluran Telegram kami",
             "Recibe las noticias en tu móvil. ¡Únete a nuestro canal de WhatsApp!"]
    assert decide(CallToAction(), calls) == ["boilerplate_call"] * len(calls)


def test_sentences_that_report_a_channel_or_follow_something_else_stay() -> None:
    """A verb that opens a report ("Sigue la búsqueda …"), a channel named in a report, and following a path."""
    lines = ["Sigue la búsqueda del pescador desaparecido frente a la costa, informó el canal local.",
             "Google News dejó de mostrar noticias de medios españoles en 2014.",
             "Ikuti jalan setapak di sepanjang sungai sampai ke air terjun.",
             "وزیر نے کہا کہ واٹس ایپ چینل پر جعلی خبریں پھیلائی جا رہی ہیں۔"]
    assert decide(CallToAction(), lines) == [None] * len(lines)


def test_a_call_to_join_or_follow_in_arabic_russian_swahili_or_turkish_goes_and_a_report_stays() -> None:
    """"انضم إلى قناتنا" (join our channel), "Подписывайтесь на наш Telegram-канал", "Tufuate kwenye WhatsApp" open
    the call; Turkish closes it ("… Google News'ten takip edin"); Google News in French is "Google Actualités".
    The same verbs reporting what someone did, or a channel in a report, stay."""
    calls = ["انضم إلى قناتنا على تلغرام لتصلك الأخبار العاجلة أولاً بأول",
             "تابعوا آخر الأخبار من الموقع على Google Actualités",
             "Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать новости города",
             "Tufuate kwenye WhatsApp kupata habari za Pwani kila siku", "Haberi Google News'ten takip edin"]
    assert decide(CallToAction(), calls) == ["boilerplate_call"] * len(calls)
    reports = ["انضم اللاعب إلى قناة رياضية جديدة على يوتيوب الشهر الماضي.",
               "Канал сообщил, что подписчиков в Telegram стало вдвое больше.",
               "Polis, şüphelinin Telegram kanalını uzun süredir takip ediyordu."]
    assert decide(CallToAction(), reports) == [None] * len(reports)


def test_an_urdu_call_to_join_the_channel_goes() -> None:
    """Urdu closes the call with the verb: "… چینل جوائن کریں" (join), as it does "… فالو کریں"; a report that
    someone joined a channel does not end with the imperative."""
    lines = ["ہمارا واٹس ایپ چینل جوائن کریں", "انہوں نے گزشتہ ماہ ایک نیا یوٹیوب چینل جوائن کیا تھا۔"]
    assert decide(CallToAction(), lines) == ["boilerplate_call", None]


def test_calls_to_pin_tag_listen_or_share_go_in_the_plan_and_the_article_stays() -> None:
    """A recipe's or a blog's call to save it on a network ("Épinglez-la sur Pinterest", "Tag us on Instagram",
    Turkish and Persian close the call), a podcast's player row ("Listen on Spotify"), and a short call to share
    the page with no network named ("Comparte esta noticia", "… শেয়ার করুন"), through the plan. The article's own
    sentences that name the same networks or the verb (a third person "comparte") stay."""
    article = ["Pour la pâte, mélangez la farine et le beurre du bout des doigts jusqu'à obtenir un sable fin.",
               "La mairie a publié les photos du chantier sur Pinterest et sur Instagram la semaine dernière.",
               "Comparte piso con tres estudiantes desde que llegó a la ciudad en septiembre."]
    calls = ["Vous avez aimé cette recette ? Épinglez-la sur Pinterest !",
             "Made this tart? Tag us on Instagram with #ourkitchen",
             "Tarifi denediyseniz Pinterest panonuza kaydetmeyi unutmayın!",
             "عکس غذای خود را با هشتگ ما در اینستاگرام به اشتراک بگذارید!",
             "Listen on Spotify", "Écoutez l'épisode sur Deezer",
             "Comparte esta noticia", "লেখাটি ভালো লাগলে শেয়ার করুন", "Shiriki:"]
    assert classify([*article, *calls]) == [None] * len(article) + ["boilerplate_call"] * len(calls)


def test_a_call_to_follow_in_hausa_malay_pashto_or_italian_goes_and_a_report_stays() -> None:
    """"Ku biyo mu" (Hausa: follow us), "Sertai" (Malay: join), "Segui" (Italian: follow) open the call; Pashto puts
    the verb last ("… چینل ته ګډون وکړئ", subscribe; "… وګورئ", watch). The same words in a report stay."""
    calls = ["Ku biyo mu a tasharmu ta WhatsApp domin samun labarai cikin sauri",
             "Sertai saluran WhatsApp Suara Terengganu untuk berita terkini",
             "Segui la Gazzetta del Cilento su Telegram: tutte le notizie del territorio sul tuo telefono",
             "زموږ یوټیوب چینل ته ګډون وکړئ او ورځني ویډیوګانې وګورئ"]
    assert decide(CallToAction(), calls) == ["boilerplate_call"] * len(calls)
    reports = ["Il sindaco segui la vicenda del canale di bonifica fin dall'inizio.",
               "Dia menyertai saluran WhatsApp kumpulan itu pada tahun lepas.",
               "والي وویل چې د یوټیوب چینل له لارې یې خلکو ته پیغام ورکړ."]
    assert decide(CallToAction(), reports) == [None] * len(reports)


def test_a_call_after_a_label_s_colon_goes_and_a_quoted_order_stays() -> None:
    """A newsletter box's label, a colon and the call ("Get new recipes every Sunday: subscribe to the newsletter")
    on a line with no full stop; a report that quotes an order after "said:" ends with one."""
    calls = ["Get new recipes every Sunday: subscribe to the newsletter",
             "Nouvelles recettes chaque semaine : abonnez-vous à la newsletter !"]
    reports = ["He said: follow the money, and you will find the answer on the council's website.",
               "The coach told the players: join the fans on Facebook after the match."]
    assert decide(CallToAction(), calls + reports) == ["boilerplate_call"] * len(calls) + [None] * len(reports)


def test_a_verb_last_call_that_a_clause_carries_on_goes() -> None:
    """Where the verb comes last, the call may close a clause that a comma, "and" or "so that" carries on: Urdu
    "… چینل سبسکرائب کریں، …" and "… سبسکرائب کریں اور …", Pashto "… سبسکرایب کړئ، …", Persian "… دنبال کنید تا …". A
    report's clause ends with the verb in the past or the third person."""
    calls = ["ہمارا یوٹیوب چینل سبسکرائب کریں، میچ کی جھلکیاں روزانہ",
             "نیوز چینل کا یوٹیوب چینل سبسکرائب کریں اور بیل آئیکن دبائیں",
             "زموږ یوټیوب چینل سبسکرایب کړئ، هره ورځ نوې ویډیو",
             "کانال تلگرام ما را دنبال کنید تا هیچ خبری را از دست ندهید."]
    reports = ["انہوں نے یوٹیوب چینل سبسکرائب کیا، اور پھر ویڈیو دیکھی۔",
               "کاربران کانال تلگرام را دنبال می‌کنند تا از قیمت‌ها باخبر شوند."]
    assert decide(CallToAction(), calls + reports) == ["boilerplate_call"] * len(calls) + [None] * len(reports)


def test_calls_to_join_or_follow_in_arabic_indonesian_hausa_and_latvian_go() -> None:
    """The imperative in the singular ("تابع أخبار … على جوجل نيوز", "اشتركي في نشرة …"), Indonesian "Gabung ke
    saluran WhatsApp kami", Hausa "Shiga tashar WhatsApp …", Latvian "Piesakies … pasta saņemšanai!" (sign up for
    the mail). The Arabic verb that reports ("تابع الوزير جولته …", he went on with his tour) names no channel."""
    calls = ["تابع أخبار المدينة على جوجل نيوز", "اشتركي في نشرة المجلة الأسبوعية",
             "Dapatkan berita pilihan setiap hari. Gabung ke saluran WhatsApp kami",
             "Shiga tashar WhatsApp ta jaridar don labarai da dumi-duminsu", "Piesakies portāla pasta saņemšanai!"]
    reports = ["تابع الوزير جولته في المدينة الصناعية وتفقد المصانع الجديدة.",
               "Dia gabung dengan tim nasional pada tahun lalu setelah musim yang baik."]
    assert decide(CallToAction(), calls + reports) == ["boilerplate_call"] * len(calls) + [None] * len(reports)


def test_a_chinese_call_to_like_the_fan_page_goes_and_a_headline_about_a_channel_stays() -> None:
    """Chinese writes no spaces: a short line with a call's verb (like, subscribe, follow), the channel (the fan page,
    a channel) and a word that asks the reader ("邀請您", "歡迎", "請"). A headline that reports a channel's
    subscribers asks no one; a long paragraph is no call."""
    calls = ['如果您喜歡這篇分享 邀請您到 FB 粉絲團 按個"讚"!', "歡迎訂閱我們的YouTube頻道"]
    kept = ["YouTube頻道訂閱人數突破一百萬",
            "這個頻道在去年加入了新的主持人，節目內容包括旅遊、美食與露營，觀眾的反應非常熱烈，"
            "收視率也創下了新高，電視台因此決定延長播出時間，請觀眾繼續支持。"]
    assert decide(CallToAction(), calls + kept) == ["boilerplate_call"] * len(calls) + [None] * len(kept)


def test_a_verb_last_call_that_goes_on_after_its_first_clause_goes() -> None:
    """Urdu and Persian put the verb last, and a call often goes on after it with what the channel gives: after a
    comma ("… سبسکرائب کریں، میچ کی جھلکیاں روزانہ"), or "and" / "so that" ("… اور بیل آئیکن دبائیں", "… دنبال کنید
    تا …"). Hausa "Shiga …" and Indonesian "Gabung …" (join) open the call."""
    calls = ["ہمارا یوٹیوب چینل سبسکرائب کریں، روزانہ نئی ویڈیوز دیکھیں",
             "شہر نامہ کا واٹس ایپ چینل فالو کریں اور تازہ خبریں فوراً حاصل کریں",
             "کانال تلگرام ما را دنبال کنید تا خبرهای تازه را از دست ندهید.",
             "Shiga tashar WhatsApp ta Jaridar Kano don samun labarai",
             "Baca berita terbaru setiap pagi. Gabung ke saluran WhatsApp kami"]
    assert decide(CallToAction(), calls) == ["boilerplate_call"] * len(calls)


def test_a_report_of_a_channel_with_a_verb_mid_sentence_stays() -> None:
    """The verb in the middle of a report's clause (not before a comma or "and"), a past "he joined", and a
    third person joining."""
    lines = ["کمپنی کے مطابق یوٹیوب چینل سبسکرائب کرنے والوں کی تعداد دس لاکھ ہو گئی، ترجمان نے بتایا",
             "وزیر گفت کانال تلگرام وزارت را هر روز دنبال می‌کند و پاسخ می‌دهد.",
             "Ya shiga tashar WhatsApp ta kungiyar manoma a makon jiya.",
             "Warga bergabung ke saluran WhatsApp desa untuk kabar banjir."]
    assert decide(CallToAction(), lines) == [None] * len(lines)


def test_a_call_to_the_site_s_own_newsletter_or_channel_goes_and_a_quoted_order_stays() -> None:
    """The site names the channel as its own after a colon on a line that ends with a full stop ("… : inscrivez-vous
    à notre newsletter."), in a spelling of its own ("نشرتنا", our newsletter; Persian typed with the Arabic kaf,
    "كانال ما را … دنبال كنيد"), or closes the call with a verb of a language that puts it last (German "Jetzt den
    Newsletter abonnieren.", Pashto "… چینل سره یوځای شئ", join). An order quoted in a report names no channel of
    the site's."""
    calls = ["Recevez chaque matin l'essentiel de l'actualité du Cantal : inscrivez-vous à notre newsletter.",
             "اشترك في نشرتنا الشهرية لتصلك أخبار الجامعة كل أسبوع",
             "براي دريافت اخبار شهر، كانال ما را در تلگرام دنبال كنيد",
             "Keine Nachricht aus dem Kreis verpassen? Jetzt den Kreisblatt-Newsletter abonnieren.",
             "زموږ د ټلګرام چینل سره یوځای شئ او تازه خبرونه ترلاسه کړئ"]
    reports = ["The coach told the players: join the fans on Facebook after the match.",
               "Le maire a répondu : inscrivez-vous sur le site de la préfecture, comme tout le monde.",
               "Seit Oktober können Leser den Newsletter der Gemeinde auf der Website bestellen."]
    assert decide(CallToAction(), calls + reports) == ["boilerplate_call"] * len(calls) + [None] * len(reports)


def test_a_portuguese_call_to_follow_the_site_on_a_channel_goes() -> None:
    """Portuguese "Siga …", "Assine …", "Inscreva-se …" open a call as "Sigue a" does in Spanish, with the channel on
    the line (session 28, rules31). A sentence that opens with "Siga" and names no channel stays."""
    calls = ["Siga o Jornal da Serra no WhatsApp e receba as notícias da região",
             "Inscreva-se na nossa newsletter e receba o resumo da semana"]
    kept = ["Siga pela estrada nacional até à rotunda e vire à esquerda junto à escola primária."]
    assert decide(CallToAction(), calls + kept) == ["boilerplate_call"] * len(calls) + [None] * len(kept)
