from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("manage/", views.account_list, name="list"),
    path("manage/new/", views.account_create, name="create"),
    path("manage/import/", views.account_import, name="import"),
    path("manage/import/jobs/<int:pk>/", views.account_import_job, name="import_job"),
    path("manage/<str:username>/", views.account_edit, name="edit"),
    path("manage/<str:username>/unlock/", views.account_unlock, name="unlock"),
    path(
        "manage/<str:username>/tokens/revoke/",
        views.account_tokens_revoke,
        name="tokens_revoke",
    ),
]
