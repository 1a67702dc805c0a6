"""The phrase lists the line rules match, in the languages of the corpus: whole chrome lines, their
prefixes, picture captions, byline openers, app promotions and "read also" labels.

Extend them from the most-removed-lines report, not by guessing. Every entry is stored as its
`line_key`, so spelling variants (hamza, diacritics, case, digits) fold to one entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from builder.text.keys import key_words, line_key


def _keys(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(line_key(p) for p in phrases)


# The label of a link to the blog's or the site's post before or after this one: alone over its title, a related
# label (RELATED_LABELS); before the title on one line ("Previous post: …", "نوشته قبلی: …", "پچھلی تحریر: …"), the
# cue of another story's title (NEIGHBOUR_POSTS, rules.pointers.Pointer). One list serves both.
NEIGHBOUR_POST_LABELS = """Previous post|Next post|Older post|Newer post|Previous article|Next article|Previous story|
Next story|Article précédent|Article suivant|Artículo anterior|Artículo siguiente|Vorheriger Artikel|Nächster Artikel|
Articolo precedente|Articolo successivo|Artigo anterior|Próximo artigo|المقال السابق|المقال التالي|المقالة السابقة|
المقالة التالية|الخبر السابق|الخبر التالي|الموضوع السابق|الموضوع التالي|التدوينة السابقة|التدوينة التالية|
نوشته قبلی|نوشته بعدی|مطلب قبلی|مطلب بعدی|پست قبلی|پست بعدی|خبر قبلی|خبر بعدی|پچھلی تحریر|اگلی تحریر|
پچھلی پوسٹ|اگلی پوسٹ|پچھلا کالم|اگلا کالم|پچھلی خبر|اگلی خبر|Önceki yazı|Sonraki yazı|Предыдущая статья|
Следующая статья|Artikel sebelumnya|Artikel selanjutnya"""

# Labels of a related-stories box on news sites of the web's largest languages (and the corpus's): the line
# itself is chrome (CHROME_LINES) and announces headlines (TEASER_LABELS). A forum's or Q&A site's box of other
# threads under "similar threads / questions / topics" is one too; "Related questions" is rows.RelatedQuestions'
# by its shape. A bare "latest" (تازہ ترین, Terbaru) is a one-item ticker's cue above the title, never listed here.
RELATED_LABELS = """You may also like|You might also like|Recommended|Recommended for you|More stories|Related stories|
Related coverage|Most popular|Trending|Top stories|Sur le même sujet|À voir aussi|Lesen Sie auch|Mehr zum Thema|
Ver también|Te puede interesar|Noticias relacionadas|Lo más leído|Más leídas|Leia também|Notícias relacionadas|
Mais lidas|Articoli correlati|I più letti|Meistgelesen|Ähnliche Artikel|Das könnte Sie auch interessieren|
أخبار ذات صلة|موضوعات ذات صلة|قد يعجبك أيضا|خبرهای مرتبط|مطالب پیشنهادی|
متعلقہ خبریں|مزید خبریں|संबंधित खबरें|相关阅读|相关新闻|相关文章|推荐阅读|延伸阅读|関連記事|関連ニュース|관련기사|
เรื่องที่เกี่ยวข้อง|ข่าวที่เกี่ยวข้อง|Читайте также|Похожие новости|İlgili Haberler|Baca juga|Berita terkait|
Artikel terkait|Tin liên quan|Lees ook|Gerelateerde artikelen|Czytaj także|Czytaj też|Zobacz też|
视频推荐|精彩视频推荐|精彩推荐|热门推荐|相关视频|猜你喜欢|熱門推薦|相關文章|おすすめ記事|関連動画|人気記事|こちらもおすすめ|
Similar threads|Related threads|Ähnliche Themen|Sujets similaires|Temas similares|مواضيع مشابهة|مواضيع مماثلة|
Most read|Most viewed|Les plus lus|Vous aimerez aussi|Vous aimerez peut-être aussi|Ces articles peuvent vous intéresser|
Lo más visto|Más información|Am meisten gelesen|الأكثر قراءة|الأكثر مشاهدة|پربازدیدترین|زیادہ پڑھی جانے والی|
Auch interessant|Artikel Berkaitan|اس موضوع پر مزید|Latest news|Latest stories|Dernières actualités|
Últimas noticias|Neueste Artikel|آخر الأخبار|آخرین اخبار|
Related articles|Articles similaires|Artículos relacionados|Artigos relacionados|Verwandte Artikel|
Similar questions|Linked questions|Hot Network Questions|Questions similaires|Preguntas similares|
Ähnliche Fragen|أسئلة مشابهة|سوالات مشابه|ملتے جلتے سوالات|ملتے جلتے تھریڈز|فتاوى ذات صلة|فتاوى مشابهة|
متعلقہ فتاویٰ|فتاوای مرتبط|Related fatwas|
ملتے جلتے موضوعات|ملتے جلتے مضامین|موضوعات متعلقة|مقالات متعلقة|أخبار متعلقة|تازہ ترین خبریں|Terpopuler|
Berita terpopuler|Berita terbaru|Berita berkaitan|Berita popular|Habari zinazohusiana|Habari zilizosomwa zaidi|
Labaran da aka fi karantawa|اړوند مطالب|Potrebbe interessarti|
في السياق ذاته|في السياق نفسه|في نفس السياق|On the same subject|Zum selben Thema|Sobre el mismo tema|Sobre o mesmo tema|
Sullo stesso argomento|در همین زمینه|
آپ کو یہ بھی پسند آئیں گی|آپ کو یہ بھی پسند آئے گا|Anda mungkin juga suka|Você também pode gostar|
Vielleicht gefällt Ihnen auch|También te puede gustar|Ti potrebbe piacere anche|شاید این‌ها را هم بپسندید|
ډېر لوستل شوي|تر ټولو ډېر لوستل شوي|تازه خبرونه|تازيون خبرون|سڀ کان وڌيڪ پڙهيل|وڌيڪ پڙهيل|
You might enjoy|You may enjoy|You might also enjoy|You may also enjoy|Editor's pick|Editor's picks|
Editors' picks|Choix de la rédaction|La sélection de la rédaction|Empfehlung der Redaktion|Selección del editor|
اختيارات المحرر|مطلب پیشنهادی|پیشنهاد سردبیر|پیشنهاد ویژه|شاهد كذلك|اقرأ كذلك|اسی سے متعلق|اس سے متعلق|
سب سے زیادہ پڑھی گئی|সব থেকে বেশি পঠিত|আরও পড়ুন|আরো পড়ুন|সম্পর্কিত খবর|مۇناسىۋەتلىك خەۋەر|
مۇناسىۋەتلىك خەۋەرلەر|Editor's choice|Empfehlungen der Redaktion|Selezione della redazione|Pilihan editor|
Pilihan redaksi|اختيار المحرر|انتخاب سردبیر|ایڈیٹر کی پسند|سب سے زیادہ پڑھی گئیں|""" + NEIGHBOUR_POST_LABELS

# Whole short lines that are site chrome, in the languages of the corpus and the web's largest (the same
# labels in each; extend from the most-removed-lines report, not by guessing), and a social network's name
# alone (a share button). Matched on line_key, so spelling variants fold.
CHROME_LINES = _keys(("""
الوسوم|وسوم|الكلمات المفتاحية|مقالات ذات صلة|أخبار ذات صلة|مواضيع ذات صلة|اترك تعليقاً|اترك تعليقا|أضف تعليق|
التعليقات|اترك رداً|زر الذهاب إلى الأعلى|العودة إلى الأعلى|إغلاق|شارك|مشاركة|شارك هذا المقال|طباعة|فيسبوك|تويتر|
واتساب|فيسبوك تويتر واتساب|المقال السابق|المقال التالي|الأكثر قراءة|الأكثر تصفحاً|إضافة تعليق جديد|
Tags|Related posts|Related articles|Read more|See also|Leave a comment|Leave a reply|Comments|Back to top|Close|
Share|Print|Tweet|Share this article|Previous post|Next post|Most read|Advertisement|
Étiquettes|Mots-clés|Articles similaires|Lire aussi|Laisser un commentaire|Retour en haut|Fermer|Partager|
Imprimer|Facebook Twitter E-mail|Article précédent|Article suivant|Publicité|
Compartir|Comentarios|Publicidad|Etiquetas|Artículos relacionados|Leer más|Ver más|Volver arriba|Cerrar|Imprimir|
Artículo anterior|Artículo siguiente|Deja un comentario|Dejar un comentario|Teilen|Kommentare|Werbung|Schlagwörter|
Weiterlesen|Mehr lesen|Nach oben|Schließen|Drucken|Vorheriger Artikel|Nächster Artikel|Kommentar schreiben|
Compartilhar|Partilhar|Comentários|Publicidade|Leia mais|Voltar ao topo|Fechar|Deixe um comentário|Condividi|Commenti|
Pubblicità|Leggi di più|Torna su|Chiudi|Lascia un commento|Facebook|Twitter|WhatsApp|LinkedIn|Pinterest|Telegram|
Instagram|E-mail|Email|Follow|YouTube|TikTok|Bluesky|Reddit|Flipboard|VK|
فیس بک|فیسبک|ٹوئٹر|ٹویٹر|واٹس ایپ|یوٹیوب|انسٹاگرام|ٹک ٹاک|فیسبوک|توییتر|تلگرام|اینستاگرام|واتساپ|یوتیوب|
انستغرام|إنستغرام|يوتيوب|تيك توك|تلغرام|تيليجرام|फेसबुक|ट्विटर|व्हाट्सएप|यूट्यूब|इंस्टाग्राम|
تبصرے|نظرات|टिप्पणियाँ|
شارك التدوينة|شارك المقال|شارك المقالة|شارك الخبر|Share this|Share this post|Share this story|Partager cet article|
Compartir este artículo|Diesen Artikel teilen|Contents|Table of contents|Sommaire|Inhaltsverzeichnis|Índice|
المحتويات|محتويات|فهرست مطالب|Your Answer|Post Your Answer|Add your answer|Add an answer|Votre réponse|
Tu respuesta|Deine Antwort|Ihre Antwort|أضف إجابتك|أضف اجابتك|إجابتك|پاسخ شما|پاسخ خود را بنویسید|آپ کا جواب|
اپنا جواب لکھیں|Add a comment|Improve this question|Improve this answer|
Verified Purchase|Compra verificada|Achat vérifié|Verifizierter Kauf|
برچسب‌ها|مطالب مرتبط|بیشتر بخوانید|دیدگاهتان را بنویسید|بازگشت به بالا|بستن|اشتراک‌گذاری|چاپ|
ٹیگز|متعلقہ مضامین|مزید پڑھیں|تبصرہ کریں|اوپر جائیں|بند کریں|شیئر کریں|یہ بھی پڑھیے|اسی بارے میں|
نسخ الرابط|انسخ الرابط|Copy link|Copier le lien|Copiar enlace|Link kopieren|کپی لینک|لنک کاپی کریں|
السابق|التالي|الصورة السابقة|الصورة التالية|Previous|Next|Précédent|Suivant|Anterior|Siguiente|Zurück|Weiter|
قبلی|بعدی|پچھلا|اگلا|إعلان|اعلان|تبلیغات|اشتہار|
Jump to recipe|Print recipe|Pin recipe|Save recipe|Sauter à la recette|Aller à la recette|Imprimer la recette|
Ir a la receta|Imprimir receta|Imprimir la receta|Zum Rezept|Rezept drucken|انتقل إلى الوصفة|طباعة الوصفة|
Merken|Je m'abonne|Je m'inscris|Subscribe now|Abonnez-vous|Jetzt abonnieren|Suscríbete|اشترك الآن|
We value your privacy|Nous respectons votre vie privée|Wir respektieren Ihre Privatsphäre|Valoramos tu privacidad|
شارك هذه التدوينة|شارك هذه المقالة|شارك هذا الخبر|شارك هذه الصفحة|Like this|J'aime ceci|Me gusta esto|
Поделиться|ВКонтакте|Одноклассники|Bu haberi paylaş|Yorumlar|একটি মন্তব্য করুন|
""" + RELATED_LABELS).replace("\n", "").split("|"))

# The heading of the author's box under an article (rules.bios.AuthorBio): the bio right under it is the author's,
# whatever its script (no capitalised name to go on in Arabic or Urdu).
ABOUT_AUTHOR = _keys("""About the author|About the writer|About the columnist|À propos de l'auteur|
À propos de l'autrice|Sobre el autor|Sobre la autora|Sobre o autor|Sobre a autora|Über den Autor|Über die Autorin|
Sull'autore|Sull'autrice|Tentang penulis|Yazar hakkında|Об авторе|عن الكاتب|عن الكاتبة|عن المؤلف|نبذة عن الكاتب|
نبذة عن الكاتبة|مصنف کے بارے میں|مصنفہ کے بارے میں|مصنف کا تعارف|درباره نویسنده|لیکوال په اړه|
लेखक के बारे में""".replace("\n", "").split("|"))

# Labels of a list of links: a page's tags or categories, its table of contents, its in-page jumps ("Jump to:",
# then the sections' names). The short lines right under one are its items however few (rules.menus.Menu).
LIST_LABELS = _keys("""Tags|Tag|Tagged|Tagged with|Topics in this article|Filed under|Posted in|Categories|Etiquetas|
Archivado en|Archivado|Publicado en|Categorías|Temas relacionados|Mots-clés|Mots clés|Classé dans|Publié dans|
Catégories|Schlagwörter|Schlagworte|Stichwörter|Kategorien|Themen dieses Artikels|الوسوم|وسوم|الكلمات المفتاحية|
كلمات مفتاحية|التصنيفات|التصنيف|Category|Catégorie|Kategorie|Categoría|Categoria|Kategori|دسته‌بندی|
دسته بندی|زمرہ|برچسب‌ها|برچسب ها|کلمات کلیدی|ٹیگز|Contents|Table of contents|Sommaire|Inhaltsverzeichnis|
Índice|Índice de contenidos|المحتويات|محتويات|فهرست مطالب|فہرست|Jump to|Skip to|On this page|In this article|
In this guide|Sur cette page|Dans cet article|Aller à|En esta página|En este artículo|Ir a|Auf dieser Seite|
In diesem Artikel|Springe zu|Direkt zu|في هذا المقال|في هذه الصفحة|انتقل إلى|الانتقال إلى|در این مقاله|
اس مضمون میں""".replace("\n", "").split("|"))

# A forum's or comment section's rows between posts: the post's buttons and its author's rank, a Q&A answer's
# best-answer mark and its vote count's label ("12" / "votes"), a thread's tools and previous/next links, like
# buttons, "Click to expand...", a comment form's button, in the languages of the corpus and the web's largest
# (whole lines, like CHROME_LINES).
FORUM_LINES = _keys("""رد|الرد|رد مع اقتباس|اقتباس|تبليغ|إبلاغ|إبلاغ عن مشاركة مخالفة|Reply|Quote|Report|
Reply with quote|
Multi-Quote|Répondre|Citer|Signaler|Antworten|Zitieren|Melden|Responder|Citar|Reportar|Denunciar|
پاسخ|نقل قول|جواب دیں|عضو|عضوة|عضو جديد|عضوة جديدة|عضو نشيط|عضوة نشيطة|عضو مميز|عضو متميز|مشرف|
مشرفة|مشرف عام|مشرفة عامة|Member|New Member|Junior Member|Senior Member|Moderator|Administrator|
Admin|Membre|Nouveau membre|Modérateur|Mitglied|Neues Mitglied|Miembro|Moderador|ماڈریٹر|موڈریٹر|ایڈمنسٹریٹر|مدیر انجمن|
Ответить|উত্তর দিন|
Best answer|Accepted answer|Accepted solution|Marked as solution|Meilleure réponse|Réponse acceptée|Beste Antwort|
Akzeptierte Antwort|Mejor respuesta|Respuesta aceptada|Melhor resposta|Migliore risposta|Лучший ответ|En iyi cevap|
Jawaban terbaik|أفضل إجابة|أفضل اجابة|أفضل رد|الإجابة المختارة|الإجابة المقبولة|پاسخ برگزیده|بهترین پاسخ|پاسخ منتخب|
بہترین جواب|منتخب جواب|الإجابة المعتمدة|الجواب المعتمد|
Vote|Votes|Votos|Voti|تصويت|أصوات|رأی|آرا|ووٹ|ووٹس|
Thread Tools|Display Modes|Search this Thread|Rate this Thread|Thread Information|Linear Mode|Hybrid Mode|Threaded Mode|
Outils de la discussion|Modes d'affichage|Themen-Optionen|Ansicht|Herramientas del tema|Modos de visualización|
أدوات الموضوع|انواع عرض الموضوع|أنواع عرض الموضوع|طريقة العرض|البحث في الموضوع|تقييم هذا الموضوع|معلومات الموضوع|
ابزارهای موضوع|حالت نمایش|اطلاعات موضوع|
« Previous Thread | Next Thread »|Previous Thread|Next Thread|« Sujet précédent | Sujet suivant »|
« Vorheriges Thema | Nächstes Thema »|« Tema anterior | Tema siguiente »|« الموضوع السابق | الموضوع التالي »|
الموضوع السابق|الموضوع التالي|موضوع قبلی|موضوع بعدی|
Like|Likes|Unlike|Like Loading|Loading|J'aime|Chargement|Gefällt mir|Wird geladen|Me gusta|Cargando|Mi piace|
Caricamento|Curtir|Carregando|أعجبني|إعجاب|جاري التحميل|پسندیدم|لایک|در حال بارگذاری|پسند کریں|لوڈ ہو رہا ہے|
Нравится|Beğen|
Click to expand|Cliquez pour agrandir|Cliquez pour développer|Zum Vergrößern anklicken|Zum Erweitern klicken|
Haz clic para expandir|Clique para expandir|Clicca per espandere|انقر للتوسيع|انقر للتكبير|برای گسترش کلیک کنید|
Post Comment|Post a comment|Publier le commentaire|Kommentar abschicken|Publicar el comentario|Publicar comentario|
Pubblica il commento|إرسال التعليق|إرسال تعليق|ارسال دیدگاه|ارسال نظر|تبصرہ شائع کریں""".replace("\n", "").split("|"))

# The starts of a forum's, a Q&A site's or a blog's chrome lines with a variable tail: the software's credit ("Powered
# by vBulletin® Version 4.2.5"), who is reading or thanked ("Users browsing this thread: 3 (0 members and 3 guests)",
# "الأعضاء الذين شكروا X على المشاركة: A، B"), the welcome to a guest (a prompt to log in to reply is WebNotice's), a
# closed topic, a blog's comment form ("Save my name, email, and website in this browser…", "This site uses Akismet…").
FORUM_PREFIXES = tuple(sorted(_keys("""
Powered by vBulletin|Powered by XenForo|Forum software by XenForo|Powered by phpBB|Powered by Discourse|
Powered by MyBB|Powered by SMF|Powered by Invision|Powered by WordPress|Proudly powered by WordPress|Powered by Blogger|
Propulsé par WordPress|Fièrement propulsé par WordPress|Propulsé par phpBB|Betrieben mit WordPress|
Funciona con WordPress|Desarrollado con WordPress|مدعوم من Blogger|مدعوم من بلوجر|يعمل بواسطة ووردبريس|
قدرت گرفته از وردپرس|با افتخار قدرت گرفته از وردپرس|فورم سافٹ ویئر بذریعہ|
Users browsing this thread|Members who have read this thread|Users Viewing this Thread|
Utilisateurs parcourant cette discussion|Benutzer, die dieses Thema lesen|Usuarios viendo este tema|
الأعضاء الذين يشاهدون هذا الموضوع|الأعضاء الذين يشاهدون محتوى الموضوع|الأعضاء الذين شاهدوا هذا الموضوع|
کاربرانی که در حال مشاهده این موضوع هستند|
The following users thanked|The following members thanked|The following user says thank you|
The following users say thank you|Les membres suivants ont remercié|Folgende Benutzer bedankten sich|
Los siguientes usuarios agradecieron|الأعضاء الذين شكروا|الاعضاء الذين شكروا|کاربران زیر از|
Welcome, Guest|Welcome Guest|Bienvenue, invité|Willkommen, Gast|Bienvenido, invitado|مرحبا بك يا زائر|
مرحباً بك زائرنا|أهلا بك يا زائر|أهلاً بك يا زائر|خوش آمدید، مہمان|خوش آمدید مهمان|
This topic was automatically closed|This thread has been closed|Ce sujet a été automatiquement fermé|
Dieses Thema wurde automatisch geschlossen|Este tema se cerró automáticamente|
Save my name, email, and website in this browser|Enregistrer mon nom, mon e-mail et mon site|
Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser|
Guarda mi nombre, correo electrónico y web en este navegador|Salva il mio nome, email e sito web in questo browser|
احفظ اسمي، بريدي الإلكتروني، والموقع|ذخیره نام، ایمیل و وب‌سایت من در مرورگر|
This site uses Akismet|Ce site utilise Akismet|Diese Website verwendet Akismet|Este sitio usa Akismet|
Este sitio utiliza Akismet|Questo sito utilizza Akismet|يستخدم هذا الموقع Akismet|این سایت از اکیسمت
""".replace("\n", "").split("|")), key=len, reverse=True))

# A forum's or a blog's pager, "Page 1 of 2" (the words before and between the two figures, in line_key form).
PAGE_WORDS = _keys("Page|Pagina|Página|Seite|Strona|Страница|Sayfa|Halaman|صفحة|صفحه|صفحہ".split("|"))
PAGE_OF = _keys("of|de|sur|von|di|z|из|من|از".split("|"))

# Prefixes of chrome lines that carry a variable tail (teasers, form notices, rights lines).
CHROME_PREFIXES = tuple(sorted(_keys("""
اقرأ أيضا|إقرأ أيضاً|اقرأ أيضًا|للمزيد|شاهد أيضا|لن يتم نشر عنوان بريدك الإلكتروني|الحقول الإلزامية مشار إليها|
جميع الحقوق محفوظة|حقوق النشر|سياسة الخصوصية|يمكنكم استلام إشعارات|تابعونا على|قد يهمك|
Read also|Read more|Related|Your email address will not be published|Required fields are marked|All rights reserved|
Privacy policy|Follow us on|Sign up for our newsletter|
Lire aussi|Votre adresse e-mail ne sera pas publiée|Votre adresse de messagerie ne sera pas publiée|
Les champs obligatoires sont indiqués|Tous droits réservés|Suivez-nous|À lire aussi|
Lee también|Lea también|Todos los derechos reservados|Síguenos en|Tu dirección de correo electrónico no será publicada|
Los campos obligatorios están marcados|Lesen Sie auch|Alle Rechte vorbehalten|Folgen Sie uns|
Ihre E-Mail-Adresse wird nicht veröffentlicht|Erforderliche Felder sind mit|Leia também|Todos os direitos reservados|
O seu endereço de email não será publicado|Siga-nos|Leggi anche|Tutti i diritti riservati|
Il tuo indirizzo email non sarà pubblicato|Seguici su|Potrebbe interessarti|Karanta kuma|
نشانی ایمیل شما منتشر نخواهد شد|تمامی حقوق محفوظ است|بیشتر بخوانید|
آپ کا ای میل ایڈریس شائع نہیں کیا جائے گا|جملہ حقوق محفوظ ہیں|مزید پڑھیں|یہ بھی پڑھیے|یہ بھی پڑھیں|
यह भी पढ़ें|ये भी पढ़ें|Baca juga|Читайте также|Ваш адрес email не будет опубликован|
আপনার ইমেল ঠিকানা প্রকাশ করা হবে না
""".replace("\n", "").split("|")), key=len, reverse=True))

# Image alt text and photo credits: the start of the line names the picture.
IMAGE_PREFIXES = tuple(_keys("""
ربما تحتوي الصورة على|قد تحتوي الصورة على|التعليق على الصورة|الصورة|صورة|تصوير|مصدر الصورة|تصویر|تصویر کے کاپی رائٹ|عکس|
Image may contain|May be an image of|Photo|Image|Picture|Credit|Getty Images|Peut être une image de|Crédit photo
""".replace("\n", "").split("|")))

# Bylines: "By Jane Miller, Economics Correspondent", "Par Claire Dubois", "بقلم …".
BYLINE_PREFIXES = tuple(_keys(["By", "Par", "Von", "Por", "بقلم", "كتب", "كتبت", "كتبه", "بواسطة", "تحرير", "نویسنده",
                               "به قلم", "تحریر", "Posted by", "Written by", "Started by", "Publicado por",
                               "Escrito por", "Iniciado por", "Publié par", "Écrit par", "Rédigé par",
                               "Veröffentlicht von", "Geschrieben von", "Pubblicato da", "Scritto da", "بدء بواسطة",
                               "نشر بواسطة", "كتب بواسطة", "نوشته شده توسط", "ارسال شده توسط",
                               # a thread's starter and start date under its title ("Thread starter X", "Beginndatum
                               # 21. Nov. 2026", "بدأ بواسطة أم ريان")
                               "Thread starter", "Themenstarter", "Start date", "Beginndatum", "بدأ بواسطة",
                               "ایجاد کننده", "شروع کننده", "تھریڈ شروع کنندہ", "موضوع شروع کنندہ", "شروع کنندہ",
                               "تاریخ آغاز", "تاريخ البدء", "Date de début", "Fecha de inicio",
                               # Yoruba "from the hand of"
                               "Láti ọwọ́"]))

# ...and those whose word is also a preposition ("di notte", "na kesho", Hausa "daga nan", Malay "oleh itu"): a byline
# only when a name follows.
NAME_PREFIXES = _keys(["di", "na", "daga", "oleh"])

# A newsroom credited instead of a named author, or a correspondent's title before the desk or place: the opening
# words of a short line ("Web Desk", "Redacción Deportes", "نمائندہ خصوصی", "هيئة التحرير").
STAFF_OPENERS = tuple(_keys("""Web desk|News desk|Newsdesk|Staff reporter|Staff writer|Newsroom|Redacción|Redazione|
Rédaction|La Rédaction|Redaktion|Redação|Redaksi|Tim Redaksi|ویب ڈیسک|نیوز ڈیسک|نمائندہ|نامہ نگار|هيئة التحرير|
فريق التحرير|أسرة التحرير|مراسلنا|خبرنگار|تحریریه|گروه خبر""".replace("\n", "").split("|")))

# Byline labels a page sets on their own line, the name or date on the next.
BYLINE_LABELS = _keys(["By", "Article by", "Written by", "Posted by", "Posted on", "Published on", "Published",
                       "Author", "Par", "Publié le", "Auteur", "Von", "بقلم", "كتب", "نویسنده", "تحریر"])

# ...and the labels a BBC-style page sets before the author's name and role with a comma right after them
# ("Author, Jane Smith" / "Role, BBC News", "مصنف، ثنا اعجاز" / "عہدہ، بی بی سی اردو، لاہور", "نویسنده، …" / "نقش، …").
COMMA_BYLINE_LABELS = _keys(["Author", "Role", "مصنف", "عہدہ", "نویسنده", "نقش"])

# ...and the labels a page sets before the author's (or reporter's, editor's) name and a colon, the name on the same
# line, a role in brackets after it maybe ("Autori:Anna Ūdre(LTV … redaktore)", "Reporter: Ayu Lestari | Editor: …")
COLON_BYLINE_LABELS = ["Author", "Authors", "Autor", "Autora", "Autores", "Autorin", "Autoren", "Autors", "Autori",
                       "Autore", "Auteur", "Auteurs", "Autrice", "Автор", "Авторы", "Yazar", "Penulis", "Reporter",
                       "Editor", "Redaktur", "Wartawan", "Periodista", "Redacción", "نویسنده", "خبرنگار", "گزارشگر",
                       "الكاتب", "الكاتبة", "المحرر", "مراسل", "مراسلة", "مصنف", "رپورٹر", "رپورٹ", "لیکوال", "ليکوال"]

# App promotions: a line naming an app and a download.
APP_WORDS = _keys(["تطبيق", "app", "application", "اپلیکیشن", "ایپ"])
DOWNLOAD_WORDS = _keys(["تحميل", "حمل", "download", "télécharg", "دانلود", "ڈاؤن لوڈ"])

# "Read" as a related box's label says it: first in most languages ("Read more on the election", "اقرأ المزيد
# عن", "Lire notre dossier"), last where the verb comes last ("کرکٹ سے متعلق یہ بھی پڑھیے", "इस बारे में और पढ़ें").
# "See" and "read" with "also" say it too ("Simak juga", "Veja também", "Ka tún", "دا هم ولولئ", "یہ خبر بھی ملاحظہ
# کریں"), and so does a magazine's "Also in <title>" or "In this issue" over its other pieces.
# A short line that opens (or closes) with one is a label when headlines follow it (patterns.Teaser).
READ_OPENERS = frozenset(tuple(key_words(p)) for p in ["Read more", "Read also", "Read our", "Read the latest",
                                                       "Also read", "See also", "More on", "More about", "اقرأ",
                                                       "إقرأ", "شاهد أيضا", "شاهد كذلك", "طالع كذلك", "للمزيد",
                                                       "قد يهمك", "Lire aussi",
                                                       "À lire", "Lire notre", "Voir aussi", "Lee también",
                                                       "Lea también", "Leia também", "Leggi anche", "Lesen Sie",
                                                       "Mehr zum", "بیشتر بخوانید", "المزيد من", "طالع أيضا",
                                                       "Simak juga", "Lihat juga", "Veja ainda", "Veja também",
                                                       "Leia ainda", "Ka tún", "Soma pia", "Siehe auch",
                                                       "Vedi anche", "Zie ook", "Véase también", "Also in",
                                                       "In this issue", "Dans ce numéro", "In dieser Ausgabe",
                                                       "En este número", "في هذا العدد", "در این شماره"])
READ_CLOSERS = frozenset(tuple(key_words(p)) for p in ["پڑھیے", "پڑھیں", "پڑھئے", "بخوانید", "पढ़ें", "पढ़िए",
                                                       "ملاحظہ کریں", "ولولئ", "وګورئ", "پڙهو", "ڏسو", "okuyun"])

# The cue of a link to the post before or after this one, another title on the same line (NEIGHBOUR_POST_LABELS).
NEIGHBOUR_POSTS = _keys(NEIGHBOUR_POST_LABELS.replace("\n", "").split("|"))

# A news ticker's cue before another story's headline on the same line ("Breaking news: …", "تازہ ترین: …",
# "Son dakika: …"): the cue is the whole part before the colon (rules.pointers.Pointer).
TICKER_CUES = _keys("""Breaking|Breaking news|Just in|Latest|Latest news|News alert|Developing story|Live|عاجل|خبر عاجل|
أخبار عاجلة|آخر الأخبار|بريكنغ نيوز|بریکنگ نیوز|بریکنگ|تازہ|تازه|تازه خبر|تازہ ترین|تازہ خبر|اہم خبر|
خبر فوری|فوری|آخرین خبر|آخرین اخبار|
Dernière minute|Dernière heure|Flash|Alerte|Urgent|Última hora|Urgente|Eilmeldung|Aktuell|Ultim'ora|Ultima ora|
Son dakika|Flaş|Flaş haber|Срочно|Молния|Habari mpya|Terkini|Berita terkini|ब्रेकिंग न्यूज़|ताजा खबर|ताज़ा ख़बर|
突发|快讯|速報|مباشر|بث مباشر|تېز خەۋەر""".replace("\n", "").split("|"))

# Labels that announce another article's headline on the next line.
TEASER_LABELS = _keys(("""اقرأ أيضا|إقرأ أيضاً|للمزيد|شاهد أيضا|مواضيع ذات صلة|Read also|Read more|See also|Related|
Lire aussi|À lire aussi|Lee también|Lea también|Leggi anche|
بیشتر بخوانید|مطالب مرتبط|مزید پڑھیں|یہ بھی پڑھیں|یہ بھی پڑھیے|اس بارے میں مزید|
اسی بارے میں|اس کے بارے میں مزید پڑھیے|यह भी पढ़ें|ये भी पढ़ें|""" + RELATED_LABELS).replace("\n", "").split("|"))

# A line that says the rights are reserved, in the languages of the corpus and the web's largest (an RE2
# alternation, not keys: the phrase sits inside a copyright line): Persian with its own ی and ک or the Arabic ي and
# ك many Persian sites type, Urdu's "تمام حقوق" without the ی; or that the site's content may not be reproduced
# without leave ("… محمي بحقوق النشر، ولا يجوز نسخه …", "may not be reproduced … without", "Reproduction
# interdite", "Nachdruck nur mit Genehmigung"). One list for the kind: credits.Rights drops such a line anywhere,
# tails.PageTail counts it as a legal line of the page's tail.
RIGHTS_RESERVED = (
    r"all rights reserved|tous droits réservés|todos los derechos reservados|alle rechte vorbehalten|"
    r"todos os direitos reservados|tutti i diritti riservati|جميع الحقوق محفوظة|كل الحقوق محفوظة|"
    r"الحقوق محفوظة|حقوق الطبع محفوظة|تمام[یي]? حقوق|[کك]ل[یي]ه حقوق|حقوق محفوظ|جملہ حقوق|版权所有|版權所有|"
    r"不得转载|不得轉載|禁止转载|未经授权|未經授權|転載禁止|無断転載|無断複製|무단 전재|무단전재|"
    r"حقوق (?:النشر|الطبع)،? و?لا يجوز|"
    r"may not be (?:reproduced|republished|redistributed)\b[^.]{0,60}\bwithout|reproduction interdite|"
    r"toute reproduction[^.]{0,40}interdite|nachdruck[^.]{0,40}(?:verboten|nur mit)|"
    r"prohibida (?:su|la) reproducción|riproduzione riservata|proibida a reprodução")

# A post's or a letter's salutation, the words a greeting opens with ("السلام عليكم يا جماعة", "Hallo zusammen"):
# over a forum post's first paragraph it opens the post, whether or not it ends with a comma (rules.structure).
SALUTATIONS = frozenset(tuple(key_words(p)) for p in """السلام عليكم|السلام عليكم ورحمة الله|وعليكم السلام|مرحبا|
مرحبا بالجميع|أهلا|سلام|سلام علیکم|درود|السلام علیکم|وعلیکم السلام|Hello|Hello everyone|Hi all|Hi everyone|
Hey all|Bonjour|Bonjour à tous|Salut|Salut à tous|Hallo|Hallo zusammen|Hallo allerseits|Servus|Hola|Hola a todos|
Buongiorno|Ciao a tutti|Olá|Olá a todos|Merhaba|Здравствуйте|Привет""".replace("\n", "").split("|"))
