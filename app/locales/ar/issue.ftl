# issue


## The page

issue-loading = جارٍ تحميل المشكلة…
issue-title = { $key }: { $summary }
issue-breadcrumb = مسار التنقل
issue-breadcrumb-dashboard = لوحة المعلومات
issue-as-of = تُعرض نسختك المحفوظة عند { $at }.
issue-refresh = تحديث

## Fields

issue-assignee = المُسنَد إليه
issue-reporter = المُبلِّغ
issue-unassigned = غير مُسنَدة
issue-priority = الأولوية
issue-priority-none = لا يوجد
issue-site = الموقع
issue-labels = التصنيفات
issue-components = المكوّنات
issue-fix-versions = إصدارات الإصلاح
issue-created = تاريخ الإنشاء
issue-updated = تاريخ التحديث
issue-resolved = تاريخ الحل
issue-list-separator = {"، "}

## Sections

issue-description = الوصف
issue-no-description = لا يوجد وصف.
issue-related = المشكلات المرتبطة
issue-attachments = المرفقات
issue-attachment-by = { $author }، { $date }
issue-open-in-jira = فتح في Jira

## Files

issue-file-size-bytes = { $size } بايت
issue-file-size-kb = { $size } كيلوبايت
issue-file-size-mb = { $size } ميغابايت
issue-file-kind-unknown = ملف

## Comments

issue-comments = التعليقات
issue-comments-loading = جارٍ تحميل التعليقات…
issue-comments-failed = تعذّر تحميل التعليقات: { $error }
issue-comments-none = لا توجد تعليقات بعد.
issue-comments-order = ترتيب التعليقات
issue-comments-newest-first = الأحدث أولًا
issue-comments-oldest-first = الأقدم أولًا
issue-comments-range = { $first }–{ $last } من { $total }
issue-comments-pages = صفحات التعليقات
issue-comments-newer = تعليقات أحدث
issue-comments-earlier = تعليقات سابقة
issue-comments-older = تعليقات أقدم
issue-comments-later = تعليقات لاحقة

## Descriptions and comments: what the app writes around Jira's text

issue-adf-panel-info = معلومات
issue-adf-panel-note = ملاحظة
issue-adf-panel-tip = تلميح
issue-adf-panel-warning = تحذير
issue-adf-panel-error = خطأ
issue-adf-panel-success = نجاح
issue-adf-panel-custom = لوحة
issue-adf-expand = التفاصيل
issue-adf-task-done = مُنجَزة:
issue-adf-task-to-do = غير مُنجَزة:
issue-adf-decision = قرار:
issue-adf-mention-someone = @شخص ما
issue-adf-synced = محتوى متزامن (يُعرض في Jira)
issue-adf-unsupported = (محتوى غير مدعوم)
issue-adf-unsupported-mark = تنسيق لا يستطيع هذا التطبيق عرضه
issue-adf-external-image = صورة خارجية
issue-adf-external-image-from = { $name } ({ $host })
issue-adf-attachment = مرفق: { $name }
issue-adf-attachment-unnamed = مرفق: ملف
issue-adf-extension = إضافة: { $key }
issue-adf-extension-unnamed = إضافة

## كلمات يضعها الخادم في عرض المشكلة

issue-status-unknown = غير معروفة
issue-person-unknown = مستخدم غير معروف
issue-person-former = مستخدم سابق
issue-relation-parent = الأصل
issue-relation-subtask = مهمة فرعية
