from django.urls import path

from . import views, views_setup

app_name = "awards"
urlpatterns = [
    path("", views.home, name="home"),
    path("kinds/", views.kinds, name="kinds"),
    path("registrations/", views.registrations, name="registrations"),
    path("nominations/", views.nominations, name="nominations"),
    path("nominations.xlsx", views.nominations_export, name="nominations_export"),
    path("nominations/new/", views.nomination_new, name="nomination_new"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination"),
    path("nominations/<int:pk>/files/", views.nomination_file, name="nomination_file"),
    path("nominations/<int:pk>/submit/", views.nomination_submit, name="nomination_submit"),
    path("nominations/<int:pk>/appraise/", views.nomination_appraise, name="nomination_appraise"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/new/", views.decision_new, name="decision_new"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("decisions/<int:pk>/<str:what>.<str:fmt>", views.decision_file, name="decision_file"),
    path("awards/<int:pk>/certificate.<str:fmt>", views.certificate, name="certificate"),
    path("awards/", views.award_history, name="history"),
    path("awards.xlsx", views.award_history_export, name="history_export"),
    path("awards/<int:pk>/revoke/", views.award_revoke, name="revoke"),
    path("quotas/", views_setup.quotas, name="quotas"),
    path("matters/", views_setup.matters, name="matters"),
    path("clusters/", views_setup.clusters, name="clusters"),
    path("clusters/<int:pk>/", views_setup.cluster_detail, name="cluster"),
    path("clusters/<int:pk>/rank/", views_setup.cluster_rank, name="cluster_rank"),
    path(
        "clusters/<int:pk>/members/<int:member>/", views_setup.cluster_adjust, name="cluster_adjust"
    ),
    path("clusters/<int:pk>/submit/", views_setup.cluster_submit, name="cluster_submit"),
    path("statistics/", views_setup.statistics, name="statistics"),
    path("statistics.xlsx", views_setup.statistics_export, name="statistics_export"),
]
