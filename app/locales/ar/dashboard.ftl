# dashboard

assigned-on = المسندة إليك في { $site }

## الصفحة

dashboard-title = لوحة المعلومات
dashboard-loading-sites = جارٍ تحميل مواقعك…
dashboard-dates-in = التواريخ بتوقيت { $zone }
dashboard-account-status = حساب Atlassian: { $status }
dashboard-email-hidden = البريد الإلكتروني مخفي بموجب إعدادات الخصوصية في Atlassian
dashboard-refresh = تحديث
dashboard-your-sites = مواقعك
dashboard-sites-count = { $count ->
    [zero] لم يُمنح أي موقع
    [one] موقع واحد
    [two] موقعان
    [few] { $count } مواقع
    [many] { $count } موقعًا
   *[other] { $count } موقع
}
dashboard-no-sites = لم تمنح الوصول إلى أي موقع. سجّل الخروج ثم سجّل الدخول مرة أخرى لاختيار المواقع.
dashboard-recently-viewed = ما عرضته مؤخرًا
dashboard-connect-again = إعادة الاتصال
dashboard-grant-lifetime = متصل بـ Atlassian منذ { $since }. ستطلب منك Atlassian إعادة الاتصال بحلول { $by }.

## بطاقة الموقع

dashboard-other-product = منتج آخر
dashboard-cloud-id = معرّف السحابة
dashboard-default-site = الموقع الافتراضي
dashboard-make-default = اجعل { $site } موقعي الافتراضي

## المشكلات المسندة إلى الشخص في موقع

dashboard-assigned-title = المسندة إليك
dashboard-assigned-no-script = فعّل JavaScript لترى هنا المشكلات المسندة إليك.
dashboard-assigned-on-request = توفيرًا لحصة Jira الساعية المخصصة لهذا التطبيق على { $site }، لا تُحمَّل هذه القائمة إلا عندما تطلبها.
dashboard-assigned-show = اعرضها
dashboard-assigned-show-label = اعرضها: المشكلات المسندة إليك في { $site }
dashboard-assigned-loading = جارٍ تحميل المشكلات المسندة إليك…
dashboard-assigned-none = لا توجد مشكلات مفتوحة مسندة إليك هنا.
dashboard-assigned-try-again = حاول مرة أخرى
dashboard-assigned-refresh-label = تحديث المشكلات المسندة إليك في { $site }
dashboard-assigned-as-of = آخر تحديث: { $at }.
dashboard-assigned-copy-from = تُعرض نسختك المحفوظة عند { $at }.
dashboard-assigned-more = المزيد
dashboard-assigned-loading-more = جارٍ التحميل…

## لماذا تكون القائمة نسخة بينما يقتصد التطبيق في حصة Jira

dashboard-spare-duration = { $unit ->
    [minutes] { $count ->
        [zero] { $count } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $count } دقائق
        [many] { $count } دقيقة
       *[other] { $count } دقيقة
    }
   *[seconds] { $count ->
        [zero] { $count } ثانية
        [one] ثانية واحدة
        [two] ثانيتين
        [few] { $count } ثوانٍ
        [many] { $count } ثانية
       *[other] { $count } ثانية
    }
}
dashboard-spare-near-limit = أوشكت حصة هذا التطبيق الساعية من Jira على { $site } على النفاد، لذا تُعرض هذه القائمة مجددًا لمدة تصل إلى { $duration }.
dashboard-spare-busy = يستخدم كثيرون هذا التطبيق على { $site } في هذه الساعة: ولتوفير حصة Jira الخاصة به، تُعرض هذه القائمة مجددًا لمدة تصل إلى { $duration }.
