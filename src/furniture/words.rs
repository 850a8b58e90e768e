//! The words furniture is made of: labels, prefixes, agencies, share buttons, date words.
//! Lists only; the rules that use them are in `mod.rs`.

use super::Kind;

/// Labels that are furniture whenever they stand alone on a line.
#[rustfmt::skip]
pub(super) const LABELS: &[(Kind, &[&str])] = &[
    (
        Kind::AdLabel,
        &[
            "advertisement", "advertisements", "advertising", "advert", "ad", "ads", "sponsored",
            "sponsored content", "paid content", "paid post", "partner content", "promoted",
            "promoted content", "story continues below advertisement",
            "article continues below advertisement", "story continues below", "article continues below",
            "continue reading below", "continue reading below advertisement",
            "scroll to continue with content", "advertisement - scroll to continue",
            "advertisement scroll to continue", "ad feedback", "report this ad", "ad choices", "adchoices",
            "publicidad", "anuncio", "contenido patrocinado", "la noticia continúa",
            "publicidade", "publicité",
            "la noticia continúa tras la publicidad", "continúa leyendo",
            "continúa después de la publicidad", "sigue después de la publicidad",
        ],
    ),
    (
        Kind::Navigation,
        &[
            "skip to content", "skip to main content", "skip to navigation", "skip to footer",
            "skip to search", "jump to", "menu", "main menu", "open menu", "close menu",
            "toggle navigation", "navigation", "search", "search quotes, news & videos", "sign in",
            "sign out", "log in", "login", "log out", "logout", "register", "create account",
            "create free account", "my account", "my profile", "my news", "watchlist", "home", "homepage",
            "back to top", "go to top", "back to home", "all sections", "sections", "more sections",
            "us edition", "uk edition", "international edition", "asia edition", "change edition",
            "select edition", "select language", "see more", "show more", "load more", "view all",
            "see all", "view more", "more", "ir al contenido", "ir al contenido principal",
            "saltar al contenido", "iniciar sesión", "cerrar sesión", "inicio", "portada", "regístrate",
            "registrarse", "buscar", "buscador", "hazte socio", "mi cuenta", "cerrar", "volver arriba",
            "ver más", "ver todo", "ver todas", "cargar más", "follow", "following", "unfollow",
            "follow topic", "follow author", "seguir",
        ],
    ),
    (
        Kind::Label,
        &[
            "breaking", "breaking news", "live", "live updates", "live blog", "exclusive", "developing",
            "developing story", "just in", "update", "updated", "analysis", "explainer", "premium",
            "subscriber only", "subscribers only", "for subscribers", "free to read", "última hora",
            "ultima hora", "en directo", "directo", "exclusiva", "urgente", "análisis", "exclusivo",
            "en vivo", "new", "nuevo",
        ],
    ),
    (
        Kind::ShareBar,
        &[
            "share", "share this", "share this article", "share this story", "share this page",
            "share article", "share full article", "share via", "share on", "gift this article",
            "gift article", "copy link", "link copied", "link copied!", "copied", "print",
            "print this page", "email this", "save", "save article", "saved", "bookmark", "compartir",
            "comparte", "compartir en", "comparte esta noticia", "copiar enlace", "enlace copiado",
            "imprimir", "guardar", "text size", "font size", "a a", "aa",
            "reuse this content", "reprints & permissions", "reprints and permissions",
        ],
    ),
    (
        Kind::IconText,
        &[
            "close", "logo", "arrow", "arrow right", "arrow left", "arrow down", "chevron", "chevron down",
            "chevron right", "caret", "hamburger", "expand", "collapse", "previous", "next", "prev",
            "opens in new window", "opens in a new window", "opens in new tab", "external link", "loading",
            "loading...", "cargando", "play", "pause", "mute", "unmute", "fullscreen", "full screen",
            "zoom", "enlarge", "enlarge this image", "expand image", "view image", "view gallery",
            "open gallery", "image", "photo", "picture", "gallery", "foto", "imagen", "galería", "ampliar",
            "ampliar imagen", "placeholder", "spinner", "avatar", "profile picture", "author photo",
            "author image", "thumbnail", "more options", "dots", "...",
        ],
    ),
    (Kind::ReadingTime, &["reading time", "read time", "tiempo de lectura", "lectura"]),
    (
        Kind::Audio,
        &[
            "listen", "listen to this article", "listen to article", "listen to the story",
            "listen to this story", "audio", "audio article", "play audio", "escuchar",
            "escuchar artículo", "escuchar noticia", "escucha esta noticia", "escuchar nota", "escuchá esta nota",
        ],
    ),
    (
        Kind::Video,
        &[
            "video", "videos", "watch", "watch now", "watch video", "watch the video", "play video",
            "now playing", "up next", "watch live", "live tv", "replay", "video player is loading",
            "this video can not be played", "this video cannot be played", "ver vídeo", "ver video",
            "vídeo", "reproducir", "reproducir vídeo",
        ],
    ),
    (
        Kind::Timestamp,
        &["published", "updated on", "last updated", "first published", "publicado", "actualizado"],
    ),
    (
        Kind::SeeAlso,
        &[
            "read more", "read more here", "see also", "also read", "also see", "related", "related story",
            "related stories", "related article", "related articles", "related coverage",
            "related content", "related news", "related links", "related reading", "more on this story",
            "more on this topic", "more on this", "more stories", "more news", "other news",
            "you may also like", "you might also like", "you may be interested in",
            "you might be interested in", "recommended", "recommended for you", "recommended stories",
            "recommended reading", "further reading", "read next", "what to read next", "must read",
            "don't miss", "do not miss", "explore more", "keep reading", "continue reading",
            "more to read", "noticias relacionadas", "noticia relacionada", "te puede interesar",
            "también te puede interesar", "puede interesarte", "te recomendamos", "lee también",
            "lea también", "leer más", "lee más", "ver también", "más información",
            "artículos relacionados", "contenido relacionado", "relacionado", "relacionados",
            "más noticias", "sigue leyendo",
            "leia também", "leia mais", "veja também", "à lire aussi", "lire aussi",
            "sur le même sujet", "sur le meme sujet",
            "seguí leyendo", "seguir leyendo", "mirá también", "leé también", "mirá además",
        ],
    ),
    (
        Kind::Trending,
        &[
            "trending", "trending now", "trending stories", "trending news", "trending topics",
            "trending articles", "most read", "most-read", "most popular", "most viewed", "most shared",
            "most watched", "popular", "popular now", "popular stories", "popular articles", "top stories",
            "top news", "top reads", "latest", "latest news", "latest stories", "latest videos",
            "latest articles", "latest updates", "the latest", "editor's picks", "editors' picks",
            "editors picks", "in case you missed it", "icymi", "what's hot", "hot topics",
            "around the web", "from our partners", "promoted stories", "sponsored stories",
            "paid partner content", "lo más leído", "lo mas leido", "lo más visto", "más leídas",
            "más leídos", "lo más popular", "tendencias", "últimas noticias", "lo último", "en portada",
        ],
    ),
    (
        Kind::Newsletter,
        &[
            "newsletter", "newsletters", "sign up", "sign up now", "sign up here", "sign me up",
            "subscribe", "subscribe now", "subscribe here", "subscribe for free", "subscribe today",
            "enter your email", "enter your email address", "email address", "your email",
            "your email address", "e-mail address", "submit", "thank you for signing up",
            "thanks for signing up", "thank you for subscribing", "you're subscribed", "you're all set",
            "suscríbete", "suscribirme", "suscribirse", "boletín", "boletines", "correo electrónico",
            "tu correo", "tu correo electrónico", "apúntate", "gracias por suscribirte",
        ],
    ),
    (
        Kind::KeyFigures,
        &[
            "key figures", "key facts", "key numbers", "key data", "key stats", "key statistics",
            "by the numbers", "by the numbers:", "in numbers", "fast facts", "quick facts",
            "at a glance", "factbox", "fact box", "key points", "key takeaways", "takeaways", "highlights",
            "in brief", "quick read", "summary", "ai summary", "article summary", "datos clave",
            "cifras clave", "en cifras", "en números", "las cifras", "claves", "las claves",
            "puntos clave", "en resumen", "resumen",
        ],
    ),
    (
        Kind::Comments,
        &[
            "comments", "comment", "leave a comment", "leave a reply", "post a comment", "add a comment",
            "add comment", "add your comment", "join the conversation", "join the discussion",
            "show comments", "view comments", "hide comments", "load comments", "see comments",
            "be the first to comment", "no comments yet", "comentarios", "comentar", "deja tu comentario",
            "deja un comentario", "añadir comentario", "sé el primero en comentar", "ver comentarios",
            "write a comment", "discussion about this post", "join the comments", "deja tu opinión",
        ],
    ),
    (
        Kind::Feedback,
        &[
            "was this article helpful", "was this article helpful?", "did you find this article useful",
            "report an error", "report a correction", "suggest a correction", "give feedback", "feedback",
            "send feedback", "thanks for your feedback", "rate this article", "¿te ha resultado útil",
            "¿te ha gustado este artículo", "reportar un error",
        ],
    ),
    (
        Kind::Tags,
        &["topics", "tags", "related topics", "temas", "etiquetas", "tagged", "filed under", "más sobre"],
    ),
    (
        Kind::Cookies,
        &[
            "accept", "accept all", "accept cookies", "accept all cookies", "reject all",
            "cookie settings", "cookie policy", "cookies settings", "manage cookies", "manage preferences",
            "manage consent", "aceptar", "aceptar todo", "aceptar cookies", "rechazar",
            "configurar cookies", "configuración de cookies",
        ],
    ),
    (
        Kind::Disclaimer,
        &["about the author", "about the authors", "about this author", "sobre el autor", "author bio"],
    ),
    (Kind::Copyright, &["all rights reserved", "all rights reserved.", "todos los derechos reservados"]),
    // Footers, labels and list headings that pages add around the ones above.
    (
        Kind::AdLabel,
        &[
            "pr", "publi", "advertorial", "scroll to continue", "sponsored stories", "sponsored links", "paid partner content",
            "from our partners",
        ],
    ),
    (
        Kind::Navigation,
        &[
            "translate", "comment on this story",
            "privacy policy", "privacy", "new privacy policy", "terms of use", "terms", "terms of service",
            "terms and conditions", "cookie policy", "about us", "about", "contact us", "contact",
            "careers", "advertise", "advertise with us", "help", "faq", "sitemap", "site map",
            "accessibility", "do not sell my personal information", "your privacy choices",
            "closed captioning policy", "política de privacidad", "aviso legal", "términos y condiciones",
            "contacto", "quiénes somos", "política de cookies", "e-paper", "epaper", "today's epaper",
            "english edition", "purchase licensing rights", "licensing & reprints", "reprints",
            "licensing", "news releases", "normas de participación",
        ],
    ),
    (
        Kind::Label,
        &[
            "synopsis", "why you can trust us", "editorial standards", "how we report",
            "this is a developing story", "noticia en desarrollo", "noticia en ampliación",
        ],
    ),
    (
        Kind::SeeAlso,
        &[
            "related posts", "recent posts", "latest posts", "you might like", "popular posts",
            "read more news", "read more news on", "more stories like this", "también en",
            "más noticias de",
        ],
    ),
    (
        Kind::Trending,
        &[
            "access ranking", "ranking", "most read articles", "top stories today", "lo más visto hoy",
        ],
    ),
    (
        Kind::Tags,
        &[
            "suggested topics", "archivado en", "topics covered",
        ],
    ),
    (
        // A promotion box's button: the box's slogan above it goes with it.
        Kind::Promotion,
        &[
            "learn more", "find out more", "try it free", "try it now", "try for free",
            "start your free trial", "start free trial", "get started", "request a demo",
            "book a demo", "saber más", "descubre más", "conoce más", "pruébalo gratis",
        ],
    ),
    (
        Kind::Comments,
        &[
            "have your say", "please log in to comment", "log in to comment", "post a comment",
            "comment guidelines", "comments policy",
        ],
    ),
    (
        Kind::Newsletter,
        &[
            "view this email in your browser", "view in browser", "view online", "view this email online",
            "view it in your browser", "ver en el navegador", "update your preferences",
            "manage your preferences", "manage subscription", "manage your subscription",
        ],
    ),
    (
        Kind::SeeAlso,
        &[
            "in other news", "elsewhere", "also in the news", "other stories", "what else is happening",
            "en otras noticias", "otras noticias",
        ],
    ),
    // The same labels as outlets print them in French, Portuguese, German and Italian.
    (
        Kind::Paywall,
        &[
            "article réservé aux abonnés", "réservé aux abonnés", "abonnés", "exclusivo para assinantes",
            "conteúdo exclusivo", "exclusiv für abonnenten", "riservato agli abbonati",
        ],
    ),
    (
        Kind::Navigation,
        &[
            "s'abonner", "se connecter", "connexion", "assine", "entrar", "anmelden", "abonnieren",
            "accedi", "abbonati", "mentions légales",
        ],
    ),
    (
        Kind::Audio,
        &["ouvir matéria", "ouvir notícia", "ouvir", "écouter cet article", "écouter l'article", "écouter", "artikel anhören", "ascolta l'articolo"],
    ),
    (Kind::AdLabel, &["pubblicità", "anzeige", "werbung", "publi-information"]),
    (
        Kind::SeeAlso,
        &[
            "lesen sie auch", "mehr zum thema", "leggi anche", "potrebbe interessarti", "veja mais",
            "saiba mais", "notícias relacionadas", "articles liés", "dans la même rubrique",
        ],
    ),
    (Kind::ShareBar, &["partager", "compartilhe", "compartilhar", "teilen", "condividi"]),
    (
        Kind::Participants,
        &[
            "call participants", "conference call participants", "corporate participants", "participants",
            "analysts on the call", "executives on the call",
        ],
    ),
    (Kind::Audio, &["show notes", "episode notes", "in this episode", "about this episode", "transcript", "chapters", "play episode"]),
    (
        Kind::Disclaimer,
        &["important disclosures", "disclosures", "analyst certification", "required disclosures", "important information"],
    ),
    (Kind::SeeAlso, &["le puede interesar", "le recomendamos", "más galerías", "more galleries"]),
    (
        Kind::KeyFigures,
        &[
            "numbers to know", "the numbers to know", "numbers to keep", "the numbers to keep",
            "number of the week", "the week in numbers",
        ],
    ),
];

/// Prefixes whose line is furniture up to a number of words.
#[rustfmt::skip]
pub(super) const PREFIXES: &[(Kind, usize, &[&str])] = &[
    (
        Kind::Caption,
        90,
        &[
            "file photo:", "file photo -", "file picture:", "file image:", "foto de archivo:",
            "imagen de archivo:", "archive photo:",
        ],
    ),
    (
        Kind::Caption,
        40,
        &[
            "photo:", "photos:", "photo credit:", "photo by ", "photograph:", "photographer:", "image:",
            "image credit:", "image source:", "images:", "picture:", "pictured:", "credit:", "credits:",
            "caption:", "foto:", "fotos:", "fotografía:", "imagen:", "crédito:", "(photo:", "(photo by",
            "(image:", "(foto:", "illustration:", "ilustración:",
        ],
    ),
    (Kind::SourceCredit, 12, &["source:", "sources:", "fuente:", "fuentes:", "via:", "vía:", "source link:"]),
    (
        Kind::WireSignoff,
        60,
        &[
            "(reporting by", "(reporting from", "(writing by", "(editing by", "(additional reporting",
            "(compiled by", "(with inputs from", "(with input from", "(with reporting by",
            "(this story has been", "(this story was", "(this version", "(corrects", "(updates ",
            "(updated ", "(adds ", "(refiles", "(recasts", "(repeats", "(con información de",
            "(información de", "(reporte de", "(reportaje de", "(redacción de", "(editado por",
            "(escrito por", "(traducido por", "reporting by ", "writing by ", "editing by ",
            "additional reporting by ", "with assistance from ", "-with assistance from ",
            "--with assistance from ", "—with assistance from ", "— with assistance from ",
            "-- with assistance from ", "our standards:", "to contact the reporter",
            "to contact the reporters", "to contact the editor", "to contact the editors",
            "contact the reporter", "write to ", "with inputs from ", "con información de ", "edited by ",
            "compiled by ",
        ],
    ),
    (
        Kind::Syndication,
        60,
        &[
            "this article was originally published", "this article was first published",
            "this article originally appeared", "this article first appeared",
            "this story was originally published", "this story originally appeared",
            "this story first appeared", "this story has not been edited",
            "(this story has not been edited", "this article has not been edited",
            "this article is republished", "this article was republished", "this story is republished",
            "republished with permission", "reprinted with permission", "originally published",
            "a version of this article", "a version of this story", "this content was produced by",
            "this content is auto-generated", "this report was produced by", "distributed by",
            "syndicated from", "este artículo fue publicado originalmente",
            "este artículo se publicó originalmente", "esta noticia fue publicada originalmente",
            "artículo publicado originalmente", "publicado originalmente en",
        ],
    ),
    (Kind::Copyright, 40, &["©", "copyright", "(c) 19", "(c) 20", "copyright ©"]),
    (
        Kind::SeeAlso,
        30,
        &[
            "read more:", "read more »", "read more >", "see also:", "also read:", "also read |",
            "also see:", "related:", "related story:", "related article:", "related coverage:",
            "related news:", "related reading:", "more:", "must read:", "don't miss:", "read:",
            "read next:", "read also:", "recommended:", "lee también:", "lea también:", "lee más:",
            "leer más:", "lee:", "te puede interesar:", "también te puede interesar:",
            "puede interesarte:", "te recomendamos:", "más información:", "relacionado:",
            "noticia relacionada:", "ver también:", "sigue leyendo:",
        ],
    ),
    (
        Kind::Video,
        25,
        &[
            "watch:", "video:", "watch |", "watch -", "vídeo:", "ver vídeo:", "ver video:", "now playing:",
            "up next:",
        ],
    ),
    (
        Kind::Trending,
        25,
        &["trending:", "trending now:", "most read:", "popular:", "lo más leído:", "tendencias:"],
    ),
    (
        Kind::Newsletter,
        40,
        &[
            "by signing up", "by subscribing", "by clicking sign up", "by clicking subscribe",
            "by submitting your email", "by entering your email", "by providing your email",
            "this site is protected by recaptcha", "sign up for ", "sign up to ", "subscribe to our",
            "subscribe to the ", "get our ", "get the ", "al suscribirte", "al registrarte",
            "suscríbete a", "suscríbete al", "suscríbete gratis", "recibe nuestra", "recibe nuestro",
            "recibe las", "recibe cada", "apúntate a", "unsubscribe at any time", "you can unsubscribe",
            "puedes darte de baja",
        ],
    ),
    (
        Kind::Promotion,
        20,
        &[
            "follow us on", "follow us:", "follow ", "download the ", "download our", "get the app",
            "open in app", "open app", "join our whatsapp", "join our telegram", "join us on",
            "click here", "tap here", "síguenos en", "síguenos:", "sigue a ", "descarga la app",
            "descarga nuestra", "únete a nuestro canal", "add us as a preferred source",
            "make us your preferred source", "add ", "for more news", "for the latest news",
            "stay informed", "stay up to date", "get breaking news",
        ],
    ),
    (
        Kind::Paywall,
        40,
        &[
            "subscribe to continue reading", "subscribe to read", "to continue reading",
            "to read the full", "already a subscriber", "already have an account", "already registered",
            "you have reached your", "you've reached your", "this article is for subscribers",
            "this content is for subscribers", "this article is exclusive", "unlock this article",
            "get full access", "start your free trial", "continue reading with",
            "register for free to continue", "register now to continue", "contenido exclusivo para",
            "este contenido es exclusivo", "para seguir leyendo", "para continuar leyendo",
            "ya eres suscriptor",
        ],
    ),
    (
        Kind::Cookies,
        50,
        &[
            "we use cookies", "this website uses cookies", "this site uses cookies",
            "by continuing to use", "by using this site", "utilizamos cookies", "usamos cookies",
            "este sitio web utiliza cookies",
        ],
    ),
    (
        Kind::Tags,
        20,
        &[
            "topics:", "tags:", "tagged:", "tagged in:", "filed under:", "categories:", "category:",
            "related topics:", "etiquetas:", "temas:", "más sobre:",
        ],
    ),
    (
        Kind::Disclaimer,
        90,
        &[
            "disclaimer:", "disclosure:", "descargo de responsabilidad", "aviso legal:",
            "the views expressed", "the views and opinions expressed",
        ],
    ),
    // A banner with a word or two after it (`BREAKING: Live updates`); with a headline after
    // it (`Exclusive: Microsoft to …`, `Live: Google's $40 billion Texas announcement`) the
    // label is the headline's kicker, and the line is the headline.
    (Kind::Label, 3, &["breaking:", "breaking news:", "exclusive:", "live:", "última hora:", "urgente:"]),
    (Kind::Comments, 8, &["comments (", "comentarios ("]),
    (Kind::ReadingTime, 8, &["reading time:", "read time:", "tiempo de lectura:", "lectura:"]),
    (
        Kind::Audio,
        12,
        &["listen to this article", "listen to this story", "this audio is", "escucha esta noticia"],
    ),
    // Notices, prompts and placeholders that pages add around the ones above.
    (
        Kind::Label,
        12,
        &[
            "this is a developing story", "this story is developing", "check back for updates",
            "this story will be updated", "this is a breaking news story", "más información en breve",
            "noticia en desarrollo",
        ],
    ),
    (
        Kind::Comments,
        80,
        &[
            "comments will be moderated", "comments are moderated", "keep comments relevant",
            "comments are closed", "comments have been closed", "commenting has been disabled",
            "comment guidelines",
        ],
    ),
    (
        Kind::Disclaimer,
        90,
        &[
            "data is a real-time snapshot", "data also provided by", "market data provided by",
            "quotes displayed in real-time", "quotes delayed", "quotes are delayed",
            "conforme a los criterios de", "learn more about the trust project",
        ],
    ),
    (
        Kind::Syndication,
        60,
        &[
            "this article appeared in", "this article first appeared in",
            "this article was translated", "this article has been translated",
            "this story was translated", "this story has been translated", "translated from the ",
            "este artículo fue traducido", "este artículo ha sido traducido", "traducido del ",
            "artículo traducido",
            "a version of this article appeared", "appeared in the print edition",
            "this story appeared in",
        ],
    ),
    (
        Kind::Promotion,
        20,
        &[
            "get alerts for", "get email alerts", "follow this author", "follow author",
            "to unsubscribe", "unsubscribe", "got a news tip", "have a news tip", "have a tip", "have a confidential tip", "send us a tip", "send us your tips",
            "contact our editors", "stay updated", "get whatsapp", "get telegram", "join our ",
            "subscribe to ", "(catch all", "catch all the", "sigue toda la información",
            "sigue la última hora", "sigue las noticias", "don't miss these", "get our app",
        ],
    ),
    (
        Kind::Copyright,
        8,
        &[
            "(c) ",
        ],
    ),
    (
        Kind::IconText,
        12,
        &[
            "[chart]", "[graphic]", "[video]", "[photo]", "[image]", "[embed]", "[map]", "[gráfico]",
            "[infographic]",
        ],
    ),
    (
        Kind::Label,
        20,
        &[
            "this story has been updated", "this article has been updated", "this story was updated",
            "this post has been updated", "this story has been corrected",
            "live coverage has ended", "our live coverage has ended", "this live blog has ended",
            "this live blog is now closed", "live coverage has concluded", "this blog is now closed",
            "we have ended our live coverage", "we've ended our live coverage",
            "la cobertura en directo ha terminado", "fin de la cobertura en directo",
            "esta noticia ha sido actualizada", "esta información ha sido actualizada",
        ],
    ),
    (
        Kind::Paywall,
        15,
        &[
            "start free trial", "unlock all", "unlock this", "unlock unlimited", "try premium",
            "upgrade to premium", "go premium", "become a member", "become a subscriber",
            "hazte suscriptor",
        ],
    ),
    (
        Kind::Newsletter,
        30,
        &[
            "forwarded this email", "was this forwarded to you", "you are receiving this",
            "that's it for today", "that's all for today", "that's it for this week",
            "that's all for this week", "reply to this email", "hit reply", "eso es todo por hoy",
            "you received this email", "you're receiving this", "estás recibiendo este correo",
            "recibes este correo",
        ],
    ),
    (Kind::Newsletter, 30, &["thanks for reading", "thank you for reading", "gracias por leer"]),
    (Kind::Paywall, 15, &["you have ", "te quedan ", "le quedan "]),
    (Kind::Promotion, 20, &["get all the ", "catch the latest", "recibe todas las"]),
    (Kind::WireSignoff, 25, &["contact ", "reach ", "email ", "contacte a ", "escribe a "]),
    (Kind::Comments, 20, &["para comentar", "to comment, ", "to post a comment", "to leave a comment"]),
    (Kind::ReadingTime, 6, &["lectura de ", "time to read", "read time ", "reading time "]),
    (Kind::SourceCredit, 6, &["news provided by", "content provided by", "noticia proporcionada por"]),
    (
        Kind::AdLabel,
        60,
        &[
            "sponsored ·", "sponsored |", "sponsored:", "sponsored -", "sponsored —", "sponsored by ",
            "presented by ", "brought to you by ", "patrocinado por ",
            "advertisement ·", "advertisement |", "advertisement:", "ad ·", "ad |", "paid post:",
            "paid post ·", "promoted ·", "promoted:", "partner content:", "publicidad ·", "publicidad |",
            "publicidad:", "patrocinado:", "patrocinado ·", "contenido patrocinado:",
        ],
    ),
    // Paywall tails in the other languages outlets of this field write in.
    (
        Kind::Paywall,
        25,
        &[
            "vous avez lu ", "la suite est réservée", "cet article est réservé", "article réservé aux",
            "réservé aux abonnés", "déjà abonné", "offre spéciale", "abonnez-vous pour", "je m'abonne",
            "special offer:", "special offer -", "já é assinante", "conteúdo exclusivo para",
            "exclusivo para assinantes", "assine para continuar", "para continuar lendo",
            "você atingiu o limite", "bereits abonnent", "jetzt weiterlesen", "weiterlesen mit",
            "dieser artikel ist exklusiv", "sei già abbonato", "contenuto riservato agli abbonati",
            "articolo riservato agli abbonati", "abbonati per continuare",
        ],
    ),
    (
        Kind::Paywall,
        25,
        &[
            "support independent journalism", "support our journalism", "support quality journalism",
            "support local journalism", "support journalism",
        ],
    ),
    (
        Kind::AdLabel,
        60,
        &[
            "[ad]", "[advertisement]", "[sponsored]", "(advertisement)", "(sponsored)",
            "this episode is sponsored by", "this episode is brought to you by",
            "today's episode is sponsored by", "this podcast is sponsored by",
            "today's issue is brought to you by", "this issue is brought to you by",
            "today's newsletter is brought to you by", "this newsletter is brought to you by",
            "today's issue is sponsored by", "this issue is sponsored by",
            "this newsletter is sponsored by", "a message from our sponsor", "from our sponsor",
        ],
    ),
    (Kind::Audio, 30, &["chapters:", "listen on:", "▶ play episode"]),
    // A newsletter's recurring boxes after the story: a figure of the week, what is coming,
    // how to pass it on.
    (
        Kind::KeyFigures,
        30,
        &["number of the week:", "chart of the week:", "quote of the week:", "stat of the week:", "the number:"],
    ),
    (
        Kind::Promotion,
        30,
        &[
            "coming up:", "save the date:", "you are reading ", "you're reading ", "forward it to a colleague",
            "forward this to a colleague", "join the ",
        ],
    ),
    (
        Kind::Feedback,
        20,
        &["want to share feedback", "have feedback?", "got feedback?", "send us your feedback", "questions or feedback?"],
    ),
    (
        Kind::SeeAlso,
        30,
        &[
            "le puede interesar:", "le recomendamos:", "lire aussi :", "à lire aussi :", "lire aussi:", "à lire aussi:", "leia também:",
            "leia mais:", "veja também:", "lesen sie auch:", "mehr zum thema:", "leggi anche:",
        ],
    ),
];

/// Social networks and apps that "follow us" lines name.
#[rustfmt::skip]
pub(super) const SOCIAL: &[&str] = &[
    "google news", "twitter", " x", "facebook", "linkedin", "instagram", "whatsapp", "telegram", "youtube",
    "threads", "bluesky", "tiktok", "flipboard", "apple news",
];

/// Agencies and picture desks that sign photos and wire copy.
#[rustfmt::skip]
pub const AGENCIES: &[&str] = &[
    "press trust of india", "asian news international", "indo-asian news service", "xinhua news agency",
    "yonhap news agency", "united press international", "upi", "agencia efe", "press association",
    "pa media", "australian associated press", "aap", "the canadian press", "canadian press", "tass",
    "interfax", "central news agency", "antara news",
    "reuters", "thomson reuters", "bloomberg", "bloomberg news", "getty images", "getty", "afp",
    "agence france-presse", "ap", "associated press", "the associated press", "ap photo", "epa", "epa-efe",
    "efe", "europa press", "xinhua", "kyodo", "kyodo news", "yonhap", "pti", "ani", "ians", "dow jones",
    "dow jones newswires", "cnbc", "shutterstock", "istock", "alamy", "nurphoto", "sopa images",
    "lightrocket", "anadolu", "anadolu agency", "pexels", "unsplash", "handout", "supplied", "file",
    "file photo", "dpa", "ansa", "jiji press", "cna", "scmp", "nikkei", "bernama", "antara",
];

/// Share buttons printed as words: every word is one of these.
#[rustfmt::skip]
pub(super) const SHARE_WORDS: &[&str] = &[
    "share", "shares", "this", "article", "story", "on", "via", "facebook", "twitter", "x", "linkedin",
    "whatsapp", "telegram", "reddit", "pinterest", "flipboard", "email", "e-mail", "mail", "print", "copy",
    "link", "url", "copied", "tweet", "messenger", "wechat", "weibo", "line", "threads", "bluesky", "sms",
    "save", "bookmark", "gift", "compartir", "comparte", "en", "copiar", "enlace", "imprimir", "guardar",
    "correo", "|", "·", "•", "/",
];

/// Words that only a share bar uses; one of them must be there.
#[rustfmt::skip]
pub(super) const SHARE_STRONG: &[&str] = &[
    "share", "facebook", "twitter", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "flipboard",
    "tweet", "compartir", "comparte", "wechat", "weibo",
];

#[rustfmt::skip]
pub(super) const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre", "ene", "abr", "ago", "dic",
    "janvier", "février", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "janv", "févr", "juil", "déc", "janeiro", "fevereiro", "março", "maio", "junho",
    "julho", "setembro", "outubro", "novembro", "dezembro", "fev", "dez", "januar", "februar", "märz",
    "juni", "juli", "oktober", "dezember", "okt", "gennaio", "febbraio", "aprile", "maggio",
    "giugno", "luglio", "settembre", "ottobre", "dicembre",
];

#[rustfmt::skip]
pub(super) const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "lunes", "martes", "miércoles", "miercoles",
    "jueves", "viernes", "sábado", "sabado", "domingo", "today", "yesterday", "hoy", "ayer",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "segunda-feira",
    "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "lunedì", "martedì", "mercoledì", "giovedì",
    "venerdì", "sabato", "domenica", "hier", "aujourd'hui", "ontem", "hoje", "gestern", "heute",
    "ieri", "oggi",
];

/// Words a date line may hold besides the date itself.
#[rustfmt::skip]
pub(super) const DATE_FILLERS: &[&str] = &[
    "published", "updated", "update", "posted", "first", "last", "modified", "on", "at", "de", "del", "el",
    "a", "las", "la", "y", "and", "publicado", "actualizado", "act", "pub", "ago", "hace", "hour", "hours",
    "hr", "hrs", "h", "minute", "minutes", "min", "mins", "day", "days", "week", "weeks", "horas", "hora",
    "minutos", "días", "am", "pm", "a.m", "p.m", "a.m.", "p.m.", "m", "m.", "et", "est", "edt", "ct",
    "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "utc", "gmt", "bst", "cet", "cest", "wet",
    "west", "hkt", "sgt", "jst", "kst", "ist", "aest", "aedt", "awst", "wib", "ict", "pht", "bjt", "myt",
    "nzst", "nzdt", "z", "hrs.", "time", "publié", "publiée", "modifié", "modifiée", "mis", "jour",
    "le", "à", "du", "il", "heure", "heures", "atualizado", "atualizada", "publicada", "às", "em",
    "do", "há", "veröffentlicht", "aktualisiert", "um", "uhr", "vor", "stunden", "pubblicato",
    "aggiornato", "alle", "ore", "fa", "mez", "mesz",
];

/// Words of a newsletter box's title and blurb.
#[rustfmt::skip]
pub(super) const NEWSLETTER_WORDS: &[&str] = &[
    "newsletter", "inbox", "email", "e-mail", "subscribe", "sign up", "unsubscribe", "privacy",
    "every weekday", "every morning", "every week", "each week", "daily", "weekly", "briefing", "boletín",
    "correo", "suscr",
];
