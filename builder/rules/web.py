"""The web page around the article, as it comes through in text extracted from HTML or Common Crawl:
cookie and consent banners, calls to action (click here, follow us, sign up), and the page's notices
to its visitor (skip links, JavaScript and outdated-browser notices, paywall offers).

Each is a shape plus a small set of cue words, in the languages of the corpus and the largest of the
web; a cue alone never decides:

- a consent banner speaks to the visitor about *their* cookies: a line with a cookie word and a word
  of address or of choice (`COOKIE`, `ADDRESS`, `CHOICE`). Two or more such lines close together
  are a banner, with the lines between them and the unfinished sentence that leads into them; one
  alone must have both address and choice, or its buttons right under it (lines of a word or three
  that offer a choice: "موافق", "Accetta", "Manage preferences"). An article about cookies names them
  without asking the reader to accept anything, and no button follows its sentence;
- a call to action is a sentence of a short line that *starts* with an imperative (`IMPERATIVES`:
  "Follow", "Click", "تابعونا"; or ends with one where the verb comes last, "फॉलो करें", or a clause of it
  before a comma or "and", "ہمارا یوٹیوب چینل سبسکرائب کریں، …") and names where to go (`CHANNELS`: a network,
  a newsletter, "here");
  a sentence that reports someone asking people to follow a page does not start with the verb; a call to save
  the page on a network or to listen on a player names the network ("Épinglez-la sur Pinterest", "Listen on
  Spotify"); a call to share the page needs none when it is that and little more (`SHARE_OPENERS`,
  `SHARE_CLOSERS`: "Comparte esta noticia", "Shiriki:") and ends no sentence;
- a notice is a short line with one of `NOTICES` ("Jump to navigation", "requires JavaScript",
  "Already a subscriber?", "affiliate links"), phrases no article sentence needs, or a prompt to log in
  before posting: a line of a sentence or two that names logging in and posting and tells the visitor
  they must ("Du musst dich anmelden, um hier zu antworten.", "برای نوشتن پاسخ باید وارد شوید."), or a
  call to report a mistake that names the key chord sending it ("Нашли ошибку? Выделите текст и нажмите
  Ctrl+Enter"), or a poll's question over its tallied answers ("کیا یہ جواب مفید تھا؟" / "ہاں (41)" /
  "نہیں (3)");
- an embedded post is what a tweet or Instagram embed leaves: its `pic.twitter.com` link, and its
  attribution line "— Name (@handle) Month D, YYYY".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import close_runs, document_slices, matching, search
from builder.steps import LineRule, array, undecided, where
from builder.text.keys import TERMINAL, ends_sentence, line_key

# Words for cookies and trackers. (These three are RE2 patterns, matched over the whole batch at once.)
COOKIE = (r"(?i)cookie|\btraceurs?\b|témoins de connexion|çerez|sīkdatn|куки|تعريف الارتباط|ملفات الارتباط|"
          r"الكوكيز|کوکی|쿠키|クッキー")
# The site speaking to its visitor ("we use", "your consent"), in the languages of the corpus and the web's largest.
ADDRESS = (r"(?i)\b(?:you|your|we|our|us|vous|votre|vos|nous|notre|nos|Sie|Ihre|Ihren|wir|unsere|usted|su|sus|"
           r"nosotros|nuestro|nuestra|ti|tuo|tua|tuoi|noi|nostro|nostra|questo sito|você|sua|seu|suas|seus|"
           r"este site|utilizamos)\b|موقعنا|نستخدم|نستعمل|هذا الموقع|تجربتكم|تجربتك|فإنكم|"
           r"يمكنكم|تصفحك|استخدامك|موافقتك|ما از|شما|"
           # Russian, Turkish and Latvian (RE2's \b is ASCII's: a space or the line's edge instead)
           r"(?:^|\s)(?:мы|вы|ваш\w*|наш\w*|size|jūs|jūsu|mēs)\s|используем|sitemiz|kullanıyoruz")
# The choice a banner offers.
CHOICE = (r"(?i)accept|agree|consent|settings|preferences|manage|refus|reject|opt[- ]out|continu|click|paramétr|"
          r"cliqu|poursuiv|akzeptier|zustimm|einstellung|acept|configur|accett|rifiut|personalizz|consens|aceit|"
          r"concord|"
          r"قبول|موافق|أوافق|توافق|بمتابعتك|بمواصلة|رفض|إعدادات|تفضيلات|پذیرش|تنظیمات|соглаш|продолжая|принять|принимаю|настройк|"
          r"хорошо|kabul|reddet|ayarlar|devam ederek|piekrīt|turpinot|pieņem")

# Verbs that open a call to action.
IMPERATIVES = frozenset(tuple(line_key(w) for w in v.split()) for v in """follow|like us|join|subscribe|sign up|
share your|send us|click|tap here|download our|please share|please follow|please subscribe|please like|suivez|
abonnez-vous|inscrivez-vous|rejoignez|cliquez|téléchargez|partagez|folgen sie|abonnieren sie|klicken sie|síguenos|
suscríbete|haz clic|haga clic|تابعونا|تابعوا|اشترك في|اشتركوا|انضموا|انضم إلى قناتنا|انضم الى قناتنا|
اضغط|انقر|شاركونا|подписывайтесь|подпишитесь|tufuate|ما را دنبال کنید|عضو شوید|
کلیک کنید|ہمیں فالو|فالو کریں|یہاں کلک|सब्सक्राइब|फॉलो करें|क्लिक करें|
sigue a|únete|ikuti|klik|write to us|email us|scrivi|scriveteci|escríbenos|écrivez-nous|
schreiben sie uns|pin it|pin this|épinglez|épinglez-le|épinglez-la|épinglez-les|pinnen sie|tag us|tag|listen on|
listen to|écoutez|escucha|escúchanos|hören sie|ascolta|استمع|استمعوا|jiunge|ku biyo mu|sertai|segui|seguici|
seguite|تابع|تابعي|اشتركي في|gabung|gabung ke|shiga|piesakies|piesakieties|sekojiet|seko mums|abonē|
abonējiet|siga|sigam|siga-nos|inscreva-se|assine|clique""".replace("\n", "").split("|"))
# ...and those that close one: in languages that put the verb last (Hindi, Urdu, Persian), and "click here" after
# what it is for in any ("للاطلاع على نص النظام اضغط هنا", "To read the full report, click here").
CLOSING_IMPERATIVES = frozenset(tuple(line_key(w) for w in v.split()) for v in """फॉलो करें|जुड़ें|सब्सक्राइब करें|
क्लिक करें|फॉलो कीजिए|فالو کریں|کلک کریں|سبسکرائب کریں|جوائن کریں|دنبال کنید|کلیک کنید|عضو شوید|اضغط هنا|انقر هنا|
click here|tap here|cliquez ici|haga clic aquí|pulse aquí|clique aqui|hier klicken|
takip edin|abone olun|به اشتراک بگذارید|شیئر کریں|शेयर करें|paylaşın|unutmayın|
ګډون وکړئ|وګورئ|سبسکرایب کړئ|تعقیب کړئ|تعقیب کړی|تعقیبوئ|یوځای شئ|abonnieren""".replace("\n", "").split("|"))
# What a call to action is for, when it opens the sentence before the verb ("للتواصل أرسل رسالة نصية …",
# "For more information, visit www.example.org", "ولمعرفة آخر التحديثات … تابعونا على صفحاتنا"), and the verbs
# that only call for action after one ("visit", "send": alone they report what someone did).
PURPOSES = frozenset(line_key(w) for w in """للاطلاع|للمزيد|لمزيد|للتواصل|لمعرفة|ولمعرفة|لمشاهدة|للاشتراك|لمتابعة|
ولمتابعة|للاستماع|لقراءة|for|to|pour|para|برای""".replace("\n", "").split("|"))
AFTER_PURPOSE = IMPERATIVES | frozenset(tuple(line_key(w) for w in v.split()) for v in """visit|visitez|visite|
besuchen sie|أرسل|ارسل|يرجى زيارة|يرجى الاتصال|زوروا|قم بزيارة|بازدید کنید""".replace("\n", "").split("|"))
# ...and a purpose that needs no verb when an e-mail address follows it ("للتواصل مع الكاتبة: …@…", "to contact the
# writer"): the line gives the writer's or the newsroom's address to write to.
CONTACT_PURPOSES = frozenset(line_key(w) for w in ["للتواصل", "للاستفسار", "للاستفسارات", "للمراسلة"])
PURPOSE_REACH = 16  # the verb comes within this many words of the purpose...
PURPOSE_NEAR = 3  # ...and this close to it, or just after a comma
IMPERATIVE_WORDS = max(len(v) for v in AFTER_PURPOSE | CLOSING_IMPERATIVES)
# A call to share the page needs no network named when the line is that and little more ("Comparte esta noticia",
# "Shiriki:", "লেখাটি ভালো লাগলে শেয়ার করুন"): the verbs that open one, or close it where the verb comes last. A
# line that ends with a full stop is a sentence ("Comparte piso con tres estudiantes.": a third person).
SHARE_OPENERS = frozenset(tuple(line_key(w) for w in v.split()) for v in """share this|share it|please share|partagez|
partagez-le|partagez-la|comparte|compártelo|compártela|compartilhe|condividi|teilen sie|paylaşın|shiriki|
поделитесь|iesaki|bagikan|sebarkan|شاركوا|شارك هذا|شارك هذه""".replace("\n", "").split("|"))
SHARE_CLOSERS = frozenset(tuple(line_key(w) for w in v.split()) for v in """শেয়ার করুন|شیئر کریں|شیئر کیجیے|
به اشتراک بگذارید|शेयर करें|शेयर कीजिए|paylaşın|paylaşmayı unutmayın|teilen""".replace("\n", "").split("|"))
SHARE_HINT = r"(?i)share|partag|compart|condivid|teile|payla|shiriki|подели|iesak|bagikan|sebarkan|شارك|" \
             r"شیئر|اشتراک|শেয়ার|शेयर"
SHARE_WORDS = 8
# A row of share buttons, alone on its line or after a colon: the networks' names alone, two or more, split by bars,
# dots, commas or spaced dashes ("… دوستوں سے شیئر کریں: فیس بک | واٹس ایپ | ٹوئٹر", "فيسبوك - واتساب - إكس"); whatever
# the words before the colon, nothing but the buttons follows it. Or a line that points at the buttons to share with
# ("خبر شیئر کرنے کے لیے نیچے دیے گئے بٹن استعمال کریں", "Use the buttons below to share this story").
NETWORKS = re.compile(r"(?i)^(?:facebook|fb|twitter|x|instagram|whatsapp|telegram|linkedin|pinterest|reddit|e-?mail|"
                      r"tiktok|threads|bluesky|messenger|viber|vk|weibo|wechat|فيسبوك|فيس بوك|تويتر|"
                      r"واتساب|واتس اب|تلغرام|تليجرام|إكس|لينكدإن|فیس بک|فیسبک|ٹوئٹر|ٹویٹر|واٹس ایپ|واٹس اپ|ایکس|"
                      r"ای میل|ایمیل|البريد الإلكتروني|البريد|بريد إلكتروني|"
                      r"فیسبوک|توییتر|واتساپ|تلگرام|ایکس|লিংকডইন|ফেসবুক|টুইটার|হোয়াটসঅ্যাপ|फेसबुक|ट्विटर|"
                      r"व्हाट्सएप)$")
# (a row names one of the longer names at least: RE2 finds the lines worth the Python test)
_NETWORK_HINT = "(?i)" + "|".join(name for name in NETWORKS.pattern[len("(?i)^(?:"):-len(")$")].split("|")
                                  if len(name) >= 4 and "?" not in name)
_BUTTON_ROW = re.compile(r"(?:^|[:：])\s*([^:：]+)$")
_BUTTON_SPLIT = re.compile(r"\s*[|·•,،/]\s*|\s+[-–—]\s+")
ROW_WORDS = 16
BUTTONS = (r"(?i)\bbuttons?\b|\bboutons?\b|\bbotones\b|\bbotón\b|\bknöpfe\b|\bschaltflächen\b|أزرار|زر |"
           r"بٹن|دکمه|বাটন|बटन")
BELOW = r"(?i)\bbelow\b|ci-dessous|\bunten\b|\babajo\b|\babaixo\b|\bsotto\b|أدناه|أسفل|نیچے|زیر|নিচে|नीचे"
# Where a call to action sends the reader (RE2).
CHANNELS = (r"(?i)facebook|twitter|instagram|youtube|telegram|whatsapp|tiktok|linkedin|newsletter|channel|\bhere\b|"
            r"\bsms\b|website|site web|sitio web|https?://|www\.|رسالة نصية|الموقع الإلكتروني|موقعنا|صفحاتنا|حساباتنا|"
            r"\bici\b|\bhier\b|\baquí|our app|notre appli|\bpage\b|feed|podcast|"
            r"your (?:videos?|photos?|pictures?|stories|story|tips)|ireport|"
            r"فيسبوك|فيس بوك|تويتر|انستغرام|إنستغرام|يوتيوب|تلغرام|تليجرام|واتساب|النشرة|هنا|قناة|"
            r"فیسبوک|تلگرام|اینستاگرام|اینجا|[کك]انال|فیس بک|ٹوئٹر|یہاں|چینل|واٹس ایپ|चैनल|व्हाट्सएप|یوټیوب|یوتیوب|یوٹیوب|"
            r"google news|google actualités|google haberler|جوجل نيوز|saluran|канал|kanal|chaneli|"
            r"pinterest|spotify|apple podcasts|pocket casts|deezer|soundcloud|stitcher|"
            r"نشرة|نشرتنا|\bfb\b|e-past|\bpasta\b|vēstkop|"
            r"粉絲團|粉絲專頁|粉丝团|粉丝页|臉書|脸书|頻道|频道|公眾號|公众号|チャンネル|"
            r"[\w.+-]+@[\w-]+\.\w")  # (and an e-mail address to write to)

# Notices of the page to its visitor, matched inside the line's key (so case, marks and spaces fold): skip
# links, JavaScript and browser notices, paywall offers, update notes, affiliate and sponsor disclosures,
# the "views expressed are not ours" disclaimer, and blog platforms' comment and footer lines.
NOTICES = tuple(line_key(p) for p in """jump to navigation|skip to content|skip to main content|jump to content|
requires javascript|enable javascript|javascript is disabled|javascript is required|turn on javascript|
your browser is out of date|outdated browser|update your browser|upgrade your browser|browser is not supported|
browser does not support|subscribe to continue reading|already a subscriber|already have an account|
to continue reading|free articles remaining|you have reached your limit|create a free account|log in to continue|
sign in to continue|aller au contenu|passer au contenu|activer javascript|navigateur obsolète|déjà abonné|
réservé aux abonnés|pour lire la suite|zum inhalt springen|javascript aktivieren|bereits abonnent|
saltar al contenido|ya eres suscriptor|تخطى إلى المحتوى|انتقل إلى المحتوى|يتطلب جافا سكريبت|
متصفحك قديم|آپ کا براؤزر پرانا ہے|su navegador no está actualizado|tu navegador está desactualizado|
navegador que ya no es compatible|navegador desactualizado|actualice su navegador|actualiza tu navegador|
votre navigateur n'est plus à jour|mettez à jour votre navigateur|ihr browser ist veraltet|
il tuo browser non è aggiornato|aggiorna il tuo browser|يرجى تحديث المتصفح|
لمتابعة القراءة|رفتن به محتوای اصلی|پرش به محتوا|مرکزی مواد پر جائیں|مواد پر جائیں|مواد کی طرف جائیں|
this story has been updated|
this article has been updated|cet article a été mis à jour|affiliate link|earn a commission|lien affilié|
lien d'affiliation|liens d'affiliation|enlace de afiliado|enlaces de afiliados|affiliate-link|partnerlink|
رابط تسويقي|روابط تسويقية|
لینک همکاری در فروش|لینک افیلیت|ایفیلیئٹ لنک|افیلیئٹ لنک|
earn a small commission|liens affiliés|do not necessarily reflect|are those of the author|n'engagent que leur|
لا تعبر عن رأي|لا تعبر بالضرورة عن|لا يعبر بالضرورة عن|sponsored content|contenu sponsorisé|المقال منشور بالتعاون مع|
محتوى برعاية|logged in to post a comment|must be logged in to comment|powered by wordpress|
blog at wordpress.com|vous devez être connecté pour publier un commentaire|eingeloggt sein um kommentare|
report a typo|signaler une erreur|log in or register|must log in|must be logged in to reply|register to reply|
يرجى التسجيل للمشاركة|يجب عليك تسجيل الدخول|connectez-vous pour répondre|vous devez être inscrit|
not the answer you're looking for|browse other questions tagged|by clicking post your answer|was this helpful|
te resultó útil|cet avis vous a-t-il été utile|war diese bewertung hilfreich|هل كان هذا مفيدا|
this page was last edited|dernière modification de cette page|diese seite wurde zuletzt|
esta página se editó por última vez|آخر تعديل لهذه الصفحة|این صفحه آخرین بار|edited for length and clarity|
edited for clarity|condensed for clarity|aller à la navigation|aller à la recherche|jump to search|all times are gmt|
جميع الأوقات بتوقيت|pin it for later|rate this recipe|criterios de the trust project|criteria of the trust project|
standards of the trust project|critères du trust project|kriterien des trust project|
store and/or access information on a device|
stocker et/ou accéder à des informations sur un appareil|informationen auf einem gerät speichern und/oder abrufen|
almacenar o acceder a información en un dispositivo|cet article vous a été offert|pour lire tous nos articles|
this article is free to read|to read all our articles|
para leer todos nuestros artículos|um alle artikel zu lesen|لقراءة جميع مقالاتنا|
listen to this article|listen to this story|écouter cet article|écouter l'article|escuchar este artículo|
escucha este artículo|escuchar noticia|artikel anhören|artikel vorlesen lassen|ascolta l'articolo|
ascolta questo articolo|استمع إلى المقال|استمع للمقال|استمع إلى الخبر|این خبر را بشنوید|یہ خبر سنیں|
was this guide helpful|was this article helpful|was this page helpful|was this answer helpful|
was this information helpful|was this page useful|is this page useful|did you find this helpful|
did you find this article helpful|cet article vous a-t-il été utile|cette page vous a-t-elle été utile|
te ha resultado útil este artículo|te ha sido útil este artículo|te resultó útil esta información|
war dieser artikel hilfreich|war diese seite hilfreich|هل كان هذا المقال مفيدا|
هل كانت هذه الصفحة مفيدة|آیا این مطلب مفید بود|کیا یہ مضمون مفید تھا|bu içerik faydalı oldu mu|
bu yazı faydalı oldu mu""".replace("\n", "").split("|"))

_NOTICES = "|".join(re.escape(notice) for notice in NOTICES)
# A newsletter box's line: it names the inbox the letter comes to, or unsubscribing (`INBOX`), and the letter itself,
# how often it comes, what it promises or the call to subscribe (`LETTER`), in a short line (RE2). An article names an
# inbox without a letter ("If a message like this lands in your inbox, delete it").
INBOX = (r"(?i)\binbox\b|unsubscribe|boîte (?:mail|e-mail|de réception)|désinscri|en tu correo|en su correo|"
         r"bandeja de entrada|darte de baja|postfach|abbestell|abmelden|في بريدك|إلغاء الاشتراك|صندوق ایمیل|"
         r"لغو اشتراک|ان باکس")
LETTER = (r"(?i)newsletter|briefing|digest|\bweekly\b|\bdaily\b|every (?:weekday|week|morning|evening|monday|"
          r"tuesday|wednesday|thursday|friday|saturday|sunday)|no spam|lettre d'information|chaque (?:semaine|jour|"
          r"matin|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|boletín|cada (?:semana|día|mañana)|"
          r"wöchentlich|täglich|jeden (?:tag|morgen)|النشرة|نشرتنا|أسبوعيا|يوميا|كل (?:صباح|مساء|يوم|أسبوع)|خبرنامه|"
          r"ہفتہ وار|نیوز لیٹر|"
          # (or the call to subscribe to it, the word's start: "… en tu correo. ¡Suscríbete gratis!"; "unsubscribe",
          # "désabonner", "إلغاء الاشتراك" name the inbox alone: a privacy policy's "you can unsubscribe from our
          # emails")
          r"(?:^|[\s¡¿\"«(])(?:subscri|suscr|abonn|abonier)|(?:^|\s)اشترك|سبسکرائب")
LETTER_WORDS = 25
# A forum's or Q&A site's prompt to log in before posting: it names logging in or registering (`LOGIN`) and posting,
# replying or answering (`POSTING`), and tells the visitor they must (`MUST`: Urdu's polite imperative ending the line
# counts, "… لاگ ان کریں۔"; Arabic's "your login / account", دخولك / حسابك, addresses the visitor too; the shadda
# may be written, سجّل), in a short line (RE2 patterns). A
# report of a site's rules names the first two without the third ("members will have to log in …" is a `MUST`
# too, hence the short line: a report runs longer, with who said it).
LOGIN = (r"(?i)log ?in|logged in|sign(?:ed)? ?in|regist|anmeld|angemeldet|connecté|connecter|inscri|"
         r"iniciar sesión|iniciar sessão|inicie sessão|faça login|"
         r"تسجيل الدخول|التسجيل|مسجل|سجّ?ل|وارد شوید|ثبت[‌ ]?نام|لاگ ان|üye girişi|giriş yap|oturum aç")
POSTING = (r"(?i)\b(?:post|reply|answer|comment|respond)|antwort|beitr|kommentar|répond|particip|publica|comentar|"
           r"responder|للرد|الرد|"
           r"للمشاركة|المشاركة|لإضافة|إجابة|تعليق|النقاش|پاسخ|نظر|جواب|تبصر|yorum")
MUST = (r"(?i)\b(?:must|need|needs|have to|please|you)\b|musst|müssen|devez|debes|necesitas|tem de|tem que|precisa|"
        r"يجب|يرجى|الرجاء|أنت|"
        r"دخولك|حسابك|"
        r"انت|باید|لطفا|آپ کو|کریں[۔.!]?\s*$|کریں\s+یا\s|malısınız|melisiniz|gerekir")
PROMPT_WORDS = 20
# A notice that the page needs JavaScript or a newer browser, in words no phrase list holds ("Bitte aktivieren Sie
# JavaScript, um …", "يجب تفعيل JavaScript في متصفحك …", "اين صفحه براي نمايش درست به جاوااسكريپت نياز دارد.", "د ښه
# لید لپاره خپل براوزر تازه کړئ."): the script or the browser, what to do with it (turn on, update, need), and the
# reader or the page spoken of, in a prompt's length. A report of a browser's update names neither.
SCRIPT_OR_BROWSER = (r"(?i)javascript|جاوا ?اسكريبت|جافا ?سكريبت|جاوا ?اس[کك]ر[یي]پت|جاوا ?اسکرپٹ|browser|"
                     r"navigateur|navegador|متصفح|مرورگر|براوزر|براؤزر|браузер")
TURN_ON = (r"(?i)enabl|activ|aktivier|turn on|updat|upgrad|mettre à jour|mettez à jour|actualiz|aktualisier|"
           r"تفعيل|فعّل|فعل|تحديث|حدّث|فعال|ن[یي]از|تازه|به ?روز|اپ ?ڈیٹ")
# A search box's placeholder, the box's only text in a crawl: a search verb opens a short line that trails off ("Search
# the site…", "ابحث برقم الفتوى أو بكلمة...", "جستجوی نام متوفی یا شهر..."); a sentence that trails off says more.
PLACEHOLDER = (r"(?i)^\W*(?:search|rechercher|recherche|suchen|suche|buscar|busca|cerca|pesquisar|cari|искать|"
               r"поиск|ابحث|البحث|بحث|جستجو|جستجوی|تلاش|لټون|tafuta)(?:\s[^.!?؟]{0,60})?(?:\.{3}|…)\s*$")
PLACEHOLDER_WORDS = 8
PLACEHOLDER_PROSE_WORDS = 20  # a paragraph's words, above and under a line, that make it the story's
# A help centre's box under its article: the question that opens it, asked of the reader, with its question mark ("Still
# need help? Chat with us …", "Did this article answer your question?"); an article's sentence says who needs help
HELP_BOX = (r"(?i)^\W*(?:still need help|need more help|need further help|did this (?:article|answer) (?:help|answer "
            r"your question)|was this article helpful|besoin d'aide|vous avez encore besoin d'aide|cet article vous "
            r"a-t-il aidé|¿necesitas más ayuda|¿te ha resultado útil este artículo|brauchen sie weitere hilfe|"
            r"war dieser artikel hilfreich|هل تحتاج إلى مساعدة إضافية|هل أفادك هذا المقال|هل كانت هذه المقالة مفيدة|"
            r"به کمک بیشتری نیاز دارید|آیا این مقاله مفید بود|مزید مدد چاہیے|کیا یہ مضمون مددگار تھا)\s*[?？؟]")
THIS_READER = ADDRESS + r"|متصفحك|جهازك|ا[یي]ن صفحه|هذه الصفحة|خپل|آپ کا|آپ کے|bitte|please|veuillez|per favore"
# A site's widget for reporting a mistake: the key chord that sends the selected text (`CHORD`) and the mistake or
# the editors it goes to (`MISTAKE`), in a line as short as a prompt (RE2). A how-to names the chord for what it
# does in a program, with no mistake to report.
CHORD = r"(?i)ctrl\s*\+\s*enter"
MISTAKE = (r"(?i)typo|mistake|error|editor|erreur|rédaction|fehler|redaktion|errore|redazione|hata|ошибк|опечатк|"
           r"редакц|редактор|kļūd|labojam|redaktor")
# A poll of the page: a short question with its answers' tallies ("Yes (41)": a word or two, a count in brackets)
# on the lines right under it, or after it on its own line (RE2). An article's question heads prose or a list.
TALLY = r"^\s*\S+(?:\s+\S+)?\s*[(\[]\d+[)\]]\s*$"
ASKS = r"[?؟？]\s*$"
ASKS_WITH_TALLIES = r"[?؟？](?:\s*\S+(?:\s+\S+)?\s*[(\[]\d+[)\]]){2,}\s*$"
POLL_WORDS = 12  # the question, with its tallies when they are on its line
_SENTENCE_STARTS = re.compile(f"(?:^|[{re.escape(TERMINAL)}]\\s+)(\\S[^{re.escape(TERMINAL)}]*)")
BANNER_GAP = 3  # other lines allowed between two cookie lines of one banner
BUTTON_WORDS = 3  # a banner's button: "OK", "موافق", "Manage preferences", "Accetta tutti"
# ...or the banner's buttons on one line, split by bars ("Accept all | Essential only | Cookie settings", "أقبل | أرفض |
# تخصيص"): an earlier rule (the navigation's) may have dropped the line, it still vouches for the banner above it
_BARRED_BUTTONS = r"^\s*\S+(?:\s+\S+){0,2}(?:\s+\|\s+\S+(?:\s+\S+){0,2}){1,3}\s*$"
SHORT_WORDS = 40  # a call to action is this short; a longer line is an article's
# A call may follow a label and a colon ("Get new recipes every Sunday: subscribe to the newsletter"), and where the
# verb comes last it may close a clause that a comma, "and" or "so that" carries on ("ہمارا یوٹیوب چینل سبسکرائب کریں،
# میچ کی جھلکیاں روزانہ", "… چینل سبسکرائب کریں اور بیل آئیکن دبائیں", "… را دنبال کنید تا …"). An opening verb after a
# comma or "and" is a report's as often ("The club asked fans to like its page and subscribe to its channel").
_COLON = re.compile(r"\s*[:：]\s+")
_CHANNEL = re.compile(CHANNELS)
# ...and after a colon on a line that ends with a full stop, when the site names the channel as its own ("Recevez
# l'essentiel chaque matin : inscrivez-vous à notre newsletter."): a report that quotes an order names someone else's
# ("He said: follow the money, the answer is on the website.")
_OURS = re.compile(r"(?i)\b(?:our|notre|nos|unser\w*|nuestr[oa]s?|nostr[oa]|noss[oa]s?)\b|(?:^|\s)наш\w*|"
                   r"قناتنا|نشرتنا|صفحتنا|موقعنا|حساباتنا|[کك]انال ما|ہمارا|ہمارے|ہماری|زموږ")
_CLAUSE_ENDS = re.compile(r"\s*[,،؛]\s+|\s+(?:اور|تا|و|او)\s+|\s+[-–—]\s+")  # (a spaced dash before the channel's name)
# ...and in a script written without spaces (Chinese, Japanese) the verb is found inside the line: like, subscribe,
# follow, join ("邀請您到 FB 粉絲團 按個讚!", "チャンネル登録してね"), with a word that asks the reader (you, please,
# welcome, invite, remember: a headline "YouTube頻道訂閱人數破百萬" reports), in a line this short (characters).
_CJK_CALL = re.compile(r"按[個个]?[\"“「『]?[讚赞]|[點点][讚赞]|訂閱|订阅|追蹤|關注|关注|加入|チャンネル登録|フォロー")
_CJK_ASKS = re.compile(r"您|你|大家|請|请|歡迎|欢迎|邀請|邀请|記得|记得|ください|してね|お願い")
CJK_CALL_CHARS = 60
NOTICE_WORDS = 60  # a notice may run to a few sentences (an affiliate disclosure)


@dataclass(frozen=True)
class ConsentBanner(LineRule):
    """A cookie or consent banner: lines about cookies close together, two of them addressed to the
    visitor (or one that addresses and offers a choice), with what lies between them and the
    unfinished sentence that leads into them."""

    name = "consent_banner"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_consent": "a cookie or consent banner (lines that ask the visitor to accept or refuse cookies)",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        candidate = undecided(lines) & (array(lines, "length") > 0)
        cookie = matching(lines, COOKIE) & candidate
        out: list[str | None] = [None] * len(lines)
        if not cookie.any():
            return pa.array(out, pa.string())
        address, choice = matching(lines, ADDRESS), matching(lines, CHOICE)
        member, addressed = cookie | (address & choice & candidate), cookie & address
        offers = addressed & choice
        button = choice & candidate & (array(lines, "words") <= BUTTON_WORDS)
        barred = matching(lines, _BARRED_BUTTONS, among=choice & (array(lines, "length") > 0))
        nonblank = array(lines, "length") > 0
        leads_on = array(lines, "ends_clause") & ~array(lines, "ends_sentence")
        for start, end in document_slices(lines):
            if not cookie[start:end].any():
                continue
            kept = [i for i in range(start, end) if candidate[i]]
            for run in close_runs((p for p, i in enumerate(kept) if member[i]), BANNER_GAP):
                rows = [kept[p] for p in run]
                last = run[-1]
                while last + 1 < len(kept) and button[kept[last + 1]]:
                    last += 1  # the banner's buttons, right under it
                under = next((i for i in range(rows[-1] + 1, end) if nonblank[i]), None)
                # buttons under the banner, or among its lines ("Accept additional cookies")
                if sum(addressed[rows]) < 2 and not offers[rows].any() and last == run[-1] \
                        and not (len(rows) > 1 and button[rows].any()) \
                        and not (addressed[rows].any() and under is not None and barred[under]):
                    continue
                first = run[0] - 1 if run[0] > 0 and leads_on[kept[run[0] - 1]] else run[0]
                for p in range(first, last + 1):
                    out[kept[p]] = "boilerplate_consent"
        return pa.array(out, pa.string())


def _imperative(sentence: str) -> bool:
    """The sentence opens with one of IMPERATIVES ("Email" only before an address), or with a PURPOSE and one of
    AFTER_PURPOSE within a few words of it or just after a comma ("For the first time, Facebook lets users
    follow …" reports), or closes with one of CLOSING_IMPERATIVES (whole words)."""
    words: list[str] = []
    after_comma: set[int] = set()  # positions of words that follow a comma
    tokens = sentence.split()
    for token in tokens:  # a list mark keeps its place: "• اضغط على فيسبوك." is a how-to's step
        words.append(line_key(token))
        if token.endswith((",", "،")):
            after_comma.add(len(words))
    if words and words[0] == "email" and len(tokens) > 1 and "@" in tokens[1]:
        return True  # "Email newsdesk@…": the verb, only with the address right after it ("Email scams cost …")
    starts = [s for s in range(1, min(PURPOSE_REACH, len(words))) if s <= PURPOSE_NEAR or s in after_comma] \
        if words and words[0] in PURPOSES else []
    ending = list(words)
    while ending and not ending[-1]:
        ending.pop()  # a "!" of its own after the verb ("… sur Pinterest !") closes nothing
    return any(tuple(words[:n]) in IMPERATIVES or tuple(ending[-n:]) in CLOSING_IMPERATIVES
               or any(tuple(words[s:s + n]) in AFTER_PURPOSE for s in starts)
               for n in range(1, min(IMPERATIVE_WORDS, len(words)) + 1))


def _calls(sentence: str, open_end: bool) -> bool:
    """The sentence is a call (`_imperative`), or its part after a colon is and names the channel itself on a line
    that ends with no full stop (`open_end`: a label's call, "… every Sunday: subscribe to the newsletter"; "He said:
    follow the money, the answer is on the website." reports) or as the site's own (`_OURS`), or one of its clauses
    but the last closes with one of CLOSING_IMPERATIVES (`_CLAUSE_ENDS`)."""
    if _imperative(sentence) or any(_imperative(part) and _CHANNEL.search(part) and (open_end or _OURS.search(part))
                                    for part in _COLON.split(sentence)[1:]):
        return True
    for clause in _CLAUSE_ENDS.split(sentence)[:-1]:
        words = [key for key in (line_key(token) for token in clause.split()) if key]
        if any(tuple(words[-n:]) in CLOSING_IMPERATIVES for n in range(1, min(IMPERATIVE_WORDS, len(words)) + 1)):
            return True
    return False


def _share(line: str) -> bool:
    """A short line that opens with one of SHARE_OPENERS or closes with one of SHARE_CLOSERS and ends no sentence
    (whole words; a colon or a "!" may follow the verb)."""
    if ends_sentence(line) and not line.rstrip().endswith("!"):
        return False
    words = [key for key in (line_key(token) for token in line.split()) if key]
    return any(tuple(words[:n]) in SHARE_OPENERS or tuple(words[-n:]) in SHARE_CLOSERS for n in range(1, 4))


def _button_row(line: str) -> bool:
    """The line's part after its last colon (or the whole line) is the names of two networks or more and nothing else
    (NETWORKS)."""
    found = _BUTTON_ROW.search(line)
    names = [part for part in _BUTTON_SPLIT.split(found[1].strip(" .")) if part] if found else []
    return len(names) >= 2 and all(NETWORKS.match(name) for name in names)


def _contact(line: str) -> bool:
    """The line opens with one of CONTACT_PURPOSES and gives an e-mail address (whole line: the address's own dots
    would cut it into sentences)."""
    words = line.split()
    return bool(words) and line_key(words[0]) in CONTACT_PURPOSES and "@" in line


@dataclass(frozen=True)
class CallToAction(LineRule):
    """A short line with a sentence that tells the reader to follow, like, join, subscribe, share, pin, click,
    listen or write, and where (`_calls`: after a label and a colon too, or closing a clause where the verb comes
    last); in a script without spaces, a short line with the verb and the channel (`_CJK_CALL`); a call to share the
    page (`_share`), a row of share buttons after a colon (`_button_row`) or a line that points at them (`BUTTONS`);
    or a line that gives an address to contact the writer (`_contact`)."""

    name = "call_to_action"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_call": "a call to action: follow or like the site, subscribe, sign up, share, click here",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        texts = lines.column("text")
        short = undecided(lines) & (array(lines, "words") <= SHORT_WORDS) & (array(lines, "length") > 0)
        found = np.zeros(len(lines), dtype=bool)
        for i in np.flatnonzero(matching(lines, CHANNELS, among=short)).tolist():
            text = texts[i].as_py()
            open_end = not ends_sentence(text) or text.rstrip().endswith("!")
            found[i] = any(_calls(sentence, open_end) for sentence in _SENTENCE_STARTS.findall(text)) \
                or _contact(text) \
                or (len(text.strip()) <= CJK_CALL_CHARS and _CJK_CALL.search(text) is not None
                    and _CJK_ASKS.search(text) is not None)
        found |= search(lambda text: _share(text) or None, lines,
                        matching(lines, SHARE_HINT, among=short & ~found & (array(lines, "words") <= SHARE_WORDS)))
        found |= search(lambda text: _button_row(text) or None, lines,
                        matching(lines, _NETWORK_HINT, among=short & ~found & (array(lines, "words") <= ROW_WORDS)))
        # "use the buttons below to share": a share word, the buttons and where they are, on a short line that ends no
        # sentence ("Facebook added a share button to every post" is a headline)
        buttons = matching(lines, BELOW, among=matching(lines, BUTTONS, among=matching(
            lines, SHARE_HINT, among=short & ~found & ~array(lines, "ends_sentence") & (array(lines, "words") <= 14))))
        found |= buttons
        return where(found, "boilerplate_call")


# A forum's or site's counter of who is online: two counts or more of visitors, members, guests, and nothing but such
# words, figures and a few joining words ("Online 2 Guests 0 Users 0 Member", "المتواجدون الآن: 12 (3 أعضاء و 9 زوار)",
# "کاربران آنلاین: ۱۴ عضو و ۳۰ مهمان"). A sentence that counts members names what they did.
COUNTED = frozenset(line_key(w) for w in """online|now|guest|guests|user|users|member|members|visitor|visitors|
registered|anonymous|hidden|bots|total|in|and|gast|gäste|benutzer|mitglied|mitglieder|besucher|registrierte|
insgesamt|und|invité|invités|membre|membres|utilisateur|utilisateurs|visiteur|visiteurs|en|ligne|et|miembro|
miembros|usuario|usuarios|invitado|invitados|visitante|visitantes|línea|y|المتواجدون|المتصلون|الآن|زائر|زوار|
الزوار|عضو|أعضاء|الأعضاء|و|متواجد|آنلاین|انلاین|کاربر|کاربران|مهمان|مهمانان|اعضا|آن|لائن|ارکان|رکن|مہمان|مہمانوں|
صارفین|اور""".replace("\n", "").split("|"))
COUNTER_WORDS = 16


def _counter(line: str) -> bool:
    """Two figures or more, and every word one of COUNTED (a visitors' counter), with no sentence's end."""
    if ends_sentence(line):
        return False
    figures = re.findall(r"\d+", line)
    words = [line_key(w) for w in re.findall(r"[^\W\d_]+", line)]
    return len(figures) >= 2 and len(words) >= 2 and all(w in COUNTED for w in words)


@dataclass(frozen=True)
class WebNotice(LineRule):
    """A short line with a notice of the page to its visitor: skip links, JavaScript and browser
    notices, paywall offers, an audio player's label, a question whether the page helped; a notice that the page needs
    JavaScript or a newer browser (`SCRIPT_OR_BROWSER`, `TURN_ON`, `THIS_READER`), a search box's placeholder
    (`PLACEHOLDER`), a help centre's box opening with its question (`HELP_BOX`); a prompt to log in before
    posting (`LOGIN`, `POSTING`, `MUST`); a call to report a mistake with the key chord that sends it (`CHORD`,
    `MISTAKE`), with the widget's lines around it that name the mistake; a newsletter box's line (`INBOX`,
    `LETTER`); a poll, its question and its tallied answers (`TALLY`)."""

    name = "web_notice"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_notice": "a notice of the web page to its visitor (skip link, JavaScript or browser notice, "
                              "paywall offer, affiliate or sponsor disclosure, views-are-not-ours disclaimer)",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words = array(lines, "words")
        short = undecided(lines) & (words <= NOTICE_WORDS)
        notice = matching(lines, _NOTICES, "key", among=short)
        login = matching(lines, LOGIN, among=short & ~notice & (words <= PROMPT_WORDS))
        prompt = matching(lines, MUST, among=matching(lines, POSTING, among=login))
        chord = matching(lines, CHORD, among=short & ~notice & (words <= PROMPT_WORDS))
        typo = matching(lines, MISTAKE, among=chord)
        if typo.any():
            # (a line that ends with a full stop is the article's: "The error was corrected on Monday.")
            stated = matching(lines, r"[.。۔]\s*$")
            typo |= self._widget(lines, typo, matching(lines, MISTAKE, among=short & ~notice & ~stated
                                                       & (words <= PROMPT_WORDS)))
        letter = matching(lines, LETTER, among=matching(lines, INBOX, among=short & ~notice & (words <= LETTER_WORDS)))
        script = matching(lines, SCRIPT_OR_BROWSER, among=short & ~notice & (words <= PROMPT_WORDS))
        browser = matching(lines, THIS_READER, among=matching(lines, TURN_ON, among=script))
        browser |= self._placeholder(lines, words, short & ~notice & (words <= PLACEHOLDER_WORDS))
        browser |= matching(lines, HELP_BOX, among=short & ~notice & (words <= PROMPT_WORDS))
        counter = search(_counter, lines, matching(lines, r"\d", among=short & (words <= COUNTER_WORDS)))
        return where(notice | prompt | typo | letter | browser | counter | self._poll(lines, words),
                     "boilerplate_notice")

    @staticmethod
    def _placeholder(lines: pa.Table, words: np.ndarray, among: np.ndarray) -> np.ndarray:
        """A search box's placeholder (`PLACEHOLDER`), unless the line stands between two of its document's
        paragraphs (the nearest line with words above it and under it, each PLACEHOLDER_PROSE_WORDS words or more):
        there it is the story's ("Search for the missing continues..." between a quake report's paragraphs:
        attack28), a box's placeholder sits in the page's head, its side or over the story, not inside it."""
        found = matching(lines, PLACEHOLDER, among=among)
        if not found.any():
            return found
        docs, filled = array(lines, "doc"), np.flatnonzero(words > 0)
        for row in np.flatnonzero(found).tolist():
            at = int(np.searchsorted(filled, row))
            above = filled[at - 1] if at > 0 else -1
            below = filled[at + 1] if at + 1 < len(filled) else -1
            if (above >= 0 and below >= 0 and docs[above] == docs[row] == docs[below]
                    and words[above] >= PLACEHOLDER_PROSE_WORDS and words[below] >= PLACEHOLDER_PROSE_WORDS):
                found[row] = False
        return found

    @staticmethod
    def _widget(lines: pa.Table, chord: np.ndarray, mistake: np.ndarray) -> np.ndarray:
        """The report-a-mistake widget's other lines: those right above and under its chord line (no other line
        between) that name the mistake too, its title, its button, a second instruction for the mouse ("Kļūda
        rakstā?" / "… spiediet Ctrl+Enter …" / "… spiediet uz Ziņot par kļūdu pogas …" / "Ziņot par kļūdu")."""
        found = np.zeros(len(lines), dtype=bool)
        nonblank = array(lines, "length") > 0
        for start, end in document_slices(lines, among=chord):
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            for p, r in enumerate(rows):
                if not chord[r]:
                    continue
                for side in (rows[p - 1::-1] if p else [], rows[p + 1:]):
                    for q in side:
                        if not (mistake[q] or chord[q]):
                            break
                        found[q] = True
        return found

    @staticmethod
    def _poll(lines: pa.Table, words: np.ndarray) -> np.ndarray:
        """A short question with two or more tallies on the lines right under it (those not decided yet go with
        it), or after it on its line."""
        open_ = undecided(lines)
        short = open_ & (words <= POLL_WORDS)
        poll = matching(lines, ASKS_WITH_TALLIES, among=short)
        tally = matching(lines, TALLY, among=words <= BUTTON_WORDS)
        if tally.sum() < 2:
            return poll
        asks = matching(lines, ASKS, among=short)
        nonblank = array(lines, "length") > 0
        for start, end in document_slices(lines):
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            for p, r in enumerate(rows):
                if not asks[r]:
                    continue
                answers = []
                for q in rows[p + 1:]:
                    if not tally[q]:
                        break
                    answers.append(q)
                if len(answers) >= 2:
                    poll[[r, *answers]] = True
        return np.asarray(poll & open_)


_EMBED = re.compile(r"pic\.twitter\.com/|^\W*[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s*\S+ \d{1,2},? \d{4}\s*$|"
                    r"^\W*[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s*\d{1,2} \S+ \d{4}\s*$")


@dataclass(frozen=True)
class Embed(LineRule):
    """What an embedded post leaves in the text: a line with its picture link, or its attribution."""

    name = "embed"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_embed":
            "an embedded social-media post's link or attribution (\"— Name (@handle) March 14, 2020\")",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        short = undecided(lines) & (array(lines, "words") <= SHORT_WORDS)
        among = matching(lines, r"pic\.twitter\.com|\(@", among=short)
        return where(search(_EMBED.search, lines, among), "boilerplate_embed")
