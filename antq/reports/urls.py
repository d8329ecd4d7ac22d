from django.urls import path

from . import configure_views, views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("configure/", configure_views.configure, name="configure"),
    path("configure/<slug:code>/", configure_views.form_settings, name="form_settings"),
    path("entry/", views.entry_go, name="entry_go"),
    path("entry/<slug:form>/<str:unit>/<str:period>/", views.entry, name="entry"),
    path("entry/<slug:form>/<str:unit>/<str:period>/check/", views.entry_check, name="check"),
    path("rollup/", views.rollup, name="rollup"),
    path("rollup.xlsx", views.rollup_export, name="rollup_export"),
    path("excel/template.xlsx", views.excel_template, name="template"),
    path("excel/upload/", views.excel_upload, name="upload"),
    path("excel/upload/jobs/<int:pk>/", views.upload_job, name="upload_job"),
    path("approve/", views.approve_many, name="approve_many"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/approve/", views.report_approve, name="approve"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/reopen/", views.report_reopen, name="reopen"),
]
