### إطار كل صفحة، وصفحة تسجيل الدخول، وصفحات الأخطاء.

## الإطار

skip-to-content = انتقل إلى المحتوى
sandbox-notice-label = بيئة تجريبية
sandbox-notice = — يتصل هذا التطبيق ببديل مدمج لـ Atlassian، لا بـ Atlassian نفسها.
nav-label = الرئيسية
nav-dashboard = لوحة المعلومات
nav-search = البحث
sign-out = تسجيل الخروج
signing-out = جارٍ تسجيل الخروج…
footer-note = وصول للقراءة فقط إلى Jira عبر واجهة برمجة التطبيقات الرسمية من Atlassian.
language-label = اللغة
language-apply = تغيير
loading = جارٍ التحميل…

## صفحة تسجيل الدخول

login-title = تسجيل الدخول
login-heading = Jira الخاص بك على بُعد تسجيل دخول واحد
login-lede = سجّل الدخول بحساب Atlassian لترى كل موقع تستخدمه وتفتح أي مشكلة. لا نطلب من Atlassian سوى صلاحية القراءة.
login-fact-tokens = تبقى رموزك المميزة على خادمنا؛ لا يحتفظ متصفحك إلا بملف تعريف ارتباط للجلسة.
login-fact-sites = يُعرض كل موقع تمنحه الإذن، لا الأول فقط.
login-fact-sign-out = يمكنك تسجيل الخروج في أي وقت؛ وتُحذف الجلسة من الخادم.
sign-in-with-atlassian = تسجيل الدخول باستخدام Atlassian
redirecting-to-atlassian = جارٍ التحويل إلى Atlassian…

## صفحات الأخطاء

error-request-id = اذكر هذا المعرّف إذا أبلغت عن الخلل:
error-try-again = حاول مرة أخرى
error-go-to-dashboard = الذهاب إلى لوحة المعلومات

error-not-signed-in-title = سجّل الدخول للمتابعة
error-not-signed-in = لم تسجّل الدخول.
error-connection-expired-title = انتهت صلاحية الاتصال
error-connection-expired = انتهت صلاحية اتصالك بـ Atlassian — سجّل الدخول مرة أخرى.
error-missing-scopes-title = يلزم إذن
error-missing-scopes = { $count ->
    [0] تقول Atlassian إن هذا التطبيق يفتقد إذنًا يحتاجه. أعد الاتصال لمنحه.
   *[other] يحتاج هذا التطبيق إلى إذن لم تمنحه: { $scopes }. أعد الاتصال لمنحه.
}
error-invalid-state-title = لم يكتمل تسجيل الدخول
error-invalid-state = رابط تسجيل الدخول هذا غير صالح لهذا المتصفح، أو سبق استخدامه. ابدأ من جديد من صفحة تسجيل الدخول.
error-missing-code-title = لم يكتمل تسجيل الدخول
error-missing-code = أعادتنا Atlassian دون رمز تفويض. ابدأ من جديد من صفحة تسجيل الدخول.
error-access-denied-title = لم يُمنح الوصول
error-access-denied = لم يُمنح الوصول، لذا لا يمكننا عرض مواقع Jira الخاصة بك. يمكنك المحاولة مجددًا متى شئت.
error-authorization-failed-title = لم يكتمل تسجيل الدخول
error-authorization-failed = تعذّر على Atlassian إكمال تسجيل الدخول: { $detail }
error-authorization-failed-no-reason-title = لم يكتمل تسجيل الدخول
error-authorization-failed-no-reason = تعذّر على Atlassian إكمال تسجيل الدخول، ولم تذكر سببًا.
error-code-not-accepted-title = لم يكتمل تسجيل الدخول
error-code-not-accepted = تعذّر على Atlassian إكمال تسجيل الدخول: لم يُقبل رمز التفويض (ربما انتهت صلاحيته). يُرجى تسجيل الدخول مرة أخرى.
error-invalid-issue-key-title = هذا ليس مفتاح مشكلة
error-invalid-issue-key = «{ $text }» ليس مفتاح مشكلة. تأتي مفاتيح المشكلات بصيغة مثل ABC-123.
error-site-not-granted-title = الموقع غير متاح
error-site-not-granted = هذا الموقع ليس من المواقع التي منحتَ إذن الوصول إليها.
error-issue-not-found-title = المشكلة غير موجودة
error-issue-not-found = لم يُعثر على { $key }، أو ليس لديك إذن بالوصول إليها.
error-forbidden-title = لا يوجد إذن
error-forbidden = يقول Jira إنه ليس لديك إذن لرؤية هذا.
error-rate-limited-title = طلبات كثيرة جدًا
error-rate-limited = يحدّ Jira من الطلبات الآن. حاول مرة أخرى بعد { $seconds } ث.
error-quota-spent-title = استُنفدت حصة Jira
error-quota-spent = استُنفدت حصة هذا التطبيق الساعية من Jira على { $site }؛ وتُجدَّد في { $time }.
error-upstream-failed-title = Atlassian لا تستجيب
error-upstream-failed = ردّت Atlassian بخطأ. حاول مرة أخرى بعد قليل.
error-upstream-unavailable-title = Atlassian لا تستجيب
error-upstream-unavailable = يتعذّر الوصول إلى Atlassian الآن. حاول مرة أخرى بعد قليل.
error-upstream-timeout-title = Atlassian لا تستجيب
error-upstream-timeout = استغرقت Atlassian وقتًا طويلًا في الرد. حاول مرة أخرى بعد قليل.
error-session-unavailable-title = تسجيل الدخول غير متاح
error-session-unavailable = تسجيل الدخول غير متاح مؤقتًا. حاول مرة أخرى بعد قليل.
error-cross-site-request-title = رُفض الطلب
error-cross-site-request = جاء هذا الطلب من موقع ويب آخر، لذا رُفض. افتح هذا التطبيق وحاول مرة أخرى من هنا.
error-page-not-found-title = الصفحة غير موجودة
error-page-not-found = لا توجد صفحة على هذا العنوان.
error-internal-title = حدث خطأ ما
error-internal = حدث خطأ ما من جهتنا. حاول مرة أخرى، وأخبرنا إن تكرر ذلك.
error-renewal-pending-title = ما زال الاتصال جاريًا
error-renewal-pending = يجدّد طلبٌ آخر اتصالك بـ Atlassian، ويستغرق ذلك بعض الوقت. حاول مرة أخرى بعد قليل.
error-upstream-too-large-title = الرد كبير جدًا
error-upstream-too-large = كان رد Atlassian أكبر مما يقبله هذا التطبيق، لذا لم يُعرض. حاول مرة أخرى؛ وإن تكرر ذلك فأخبرنا.
error-file-too-large-title = الملف أكبر من أن يُفتح هنا
error-file-too-large = حجم هذا الملف { $size } ميغابايت؛ تُفتح هنا الملفات حتى { $limit } ميغابايت. افتحه في Jira بدلًا من ذلك.
error-search-refused-title = البحث غير ممكن
error-search-refused = { $count ->
    [0] تعذّر على Jira تنفيذ هذا البحث.
   *[other] تعذّر على Jira تنفيذ هذا البحث: { $details }
}
error-invalid-request-title = طلب غير صالح
error-invalid-request = ينقص هذا الطلب شيء ما، أو يحتوي على قيمة لا يمكن قراءتها.
error-server-fn-title = حدث خطأ ما
error-server-fn = تعذّر علينا الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.

## كلمات يضعها الخادم في رسائل أخرى

profile-name-unknown = مستخدم Atlassian
error-this-site = هذا الموقع
