def test_vietnamese_is_the_default_whatever_the_browser_asks(client):
    page = client.get("/accounts/login/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Đăng nhập" in page.content.decode()
    assert page.headers["Content-Language"] == "vi"


def test_the_switcher_chooses_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/")
    assert "Log in" in page.content.decode()
