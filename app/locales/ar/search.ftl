# search

## The search page

search-title = بحث
search-submit = بحث
search-no-jira = لا يتوفر Jira في أيٍّ من المواقع التي منحتَ إذن الوصول إليها، لذا لا يوجد ما يمكن البحث فيه بعد.
search-key-missing = لا توجد { $key } في أيٍّ من مواقعك، أو ليس لديك إذن بالوصول إليها، لذا نعرض المشكلات التي تذكرها.
search-key-missing-unanswered = لم يُعثر على { $key } في المواقع التي استجابت، ولم تستجب بعض المواقع، لذا نعرض المشكلات التي تذكرها.
search-more-results-from = مزيد من النتائج من { $site }.
search-back-to-all = العودة إلى كل مواقعك
search-order-merged = الأحدث أولًا عبر مواقعك، بعد أن تستجيب جميعها.
search-order-to-grouped = التجميع حسب الموقع، عند استجابة كل موقع
search-order-grouped = مجمّعة حسب الموقع، عند استجابة كل موقع.
search-order-to-merged = الأحدث أولًا عبر مواقعك
search-basic = بحث أساسي
search-advanced = بحث متقدم (JQL)
search-refused-on = في { $site }: { $error }
search-form-label = ابحث في مواقعك
search-jql-label = JQL
search-jql-hint = مثال: { $example }
search-filters = عوامل التصفية
search-project = المشروع
search-project-placeholder = المفتاح أو الاسم
search-status = الحالة
search-people = الأشخاص
search-updated = آخر تحديث
search-any = الكل
search-status-todo = لم تبدأ
search-status-progress = قيد التنفيذ
search-status-done = منجزة
search-who-me = مُسندة إليّ
search-who-reporter = أبلغتُ عنها
search-who-unassigned = غير مُسندة
search-within-day = خلال آخر يوم
search-within-week = خلال آخر أسبوع
search-within-month = خلال آخر 30 يومًا
search-problem-empty = اكتب بعض الكلمات أو اختر عامل تصفية للبحث في مواقعك.
search-problem-too-long = { $max ->
    [zero] هذا أطول مما يسمح به البحث ({ $max } حرف).
    [one] هذا أطول مما يسمح به البحث (حرف واحد).
    [two] هذا أطول مما يسمح به البحث (حرفان).
    [few] هذا أطول مما يسمح به البحث ({ $max } أحرف).
    [many] هذا أطول مما يسمح به البحث ({ $max } حرفًا).
   *[other] هذا أطول مما يسمح به البحث ({ $max } حرف).
}

## Results

search-all-sites = كل مواقعك
search-results-count = { $count ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجة
   *[other] { $count } نتيجة
}
search-results-shown-more = { $count ->
    [zero] لم تُعرض أي نتيجة، وتتوفر نتائج أخرى
    [one] عُرضت نتيجة واحدة، وتتوفر نتائج أخرى
    [two] عُرضت نتيجتان، وتتوفر نتائج أخرى
    [few] عُرضت { $count } نتائج، وتتوفر نتائج أخرى
    [many] عُرضت { $count } نتيجة، وتتوفر نتائج أخرى
   *[other] عُرضت { $count } نتيجة، وتتوفر نتائج أخرى
}
search-not-searched = لم يُبحث فيه
search-nothing-on = لا شيء في { $site } يطابق هذا البحث.
search-refused-see-above = تعذّر على Jira تنفيذ هذا الاستعلام في { $site } (انظر أعلاه).
search-site-error = { $site }: { $error }
search-unassigned = غير مُسندة
search-updated-when = حُدِّثت { $when }
search-more-from = المزيد من { $site }

## The search box and its suggestions

search-box-label = كلمات أو مفتاح مشكلة أو رابط
search-box-placeholder = انتهاء مهلة الدفع
search-box-hint = يبحث في الملخصات والأوصاف والتعليقات في كل مواقعك. ضع "العبارات الدقيقة" بين علامتي اقتباس، وأنهِ الكلمة بـ * لمطابقة ما يبدأ بها.
search-suggestions-label = مشكلات مقترحة
search-suggestions-count = { $count ->
    [zero] لا اقتراحات لـ «{ $text }».
    [one] اقتراح واحد لـ «{ $text }». استخدم السهم لأسفل لاختياره.
    [two] اقتراحان لـ «{ $text }». استخدم السهمين لأعلى ولأسفل لاختيار أحدهما.
    [few] { $count } اقتراحات لـ «{ $text }». استخدم السهمين لأعلى ولأسفل لاختيار أحدها.
    [many] { $count } اقتراحًا لـ «{ $text }». استخدم السهمين لأعلى ولأسفل لاختيار أحدها.
   *[other] { $count } اقتراح لـ «{ $text }». استخدم السهمين لأعلى ولأسفل لاختيار أحدها.
}

## The issue lookup form

lookup-title = فتح مشكلة
lookup-no-jira = لا يتوفر Jira في أيٍّ من المواقع التي منحتَ إذن الوصول إليها، لذا لا يوجد ما يمكن فتحه بعد.
lookup-site = الموقع
lookup-all-sites = كل مواقعي
lookup-key = مفتاح المشكلة أو رابطها
lookup-hint = مفتاح مثل ABC-123، أو كلمات من ملخصها للاختيار من الاقتراحات، أو الصق رابطًا مثل https://your-site.atlassian.net/browse/ABC-123
lookup-submit = فتح المشكلة
lookup-opening = جارٍ الفتح…
lookup-empty = أدخل مفتاح مشكلة مثل ABC-123، أو الصق رابطًا إلى المشكلة.
lookup-not-a-key = «{ $input }» ليس مفتاح مشكلة. تأتي مفاتيح المشكلات بصيغة مثل ABC-123.
lookup-site-not-granted = { $host } ليس من المواقع التي منحتَ إذن الوصول إليها.
lookup-choose-site = اختر أحد مواقعك.
lookup-missing-all = لا توجد { $key } في أيٍّ من مواقعك، أو ليس لديك إذن بالوصول إليها.
lookup-missing-some = لم يُعثر على { $key } في المواقع التي استجابت، ولم تستجب بعض المواقع. حاول مرة أخرى بعد قليل.
