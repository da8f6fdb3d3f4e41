#!/usr/bin/python3
"""The web console in a real browser (headless Chromium through chromedriver and Selenium).

    console_story.py URL USER PASSWORD SCREENSHOT_DIR [DRIFT_NODE DRIFT_NODE_ROOT]

Logs in, opens squid.conf, saves it with a typo, sees the error at its line, fixes it,
commits, previews and runs the deploy, sees every node at the new commit, and reverts.
With a node and its root: edits squid.conf by hand on that node, sees the drift page show
it as a diff, and overwrites it (after the confirmation) with the last commit.
Takes a screenshot of each main page. Exit 0 when every step did what it should; otherwise
prints the step that failed and exits 1. Run by Tests/CommandsTests/ConsoleBrowserTests.swift.
"""
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def main():
    url, user, password, shots = sys.argv[1:5]
    drift_node, drift_root = (sys.argv[5:7] + [None, None])[:2]
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser.implicitly_wait(5)
    step = "start"
    try:
        def check(condition, what):
            if not condition:
                raise AssertionError(what)

        def wait_for_new_page(action):
            """Runs `action` (a click that loads a page) and waits until the new page has loaded:
            the old one carries a mark the new one does not."""
            browser.execute_script("window.__confsyncOldPage = true;")
            action()
            WebDriverWait(browser, 60, ignored_exceptions=(Exception,)).until(
                lambda b: b.execute_script(
                    "return window.__confsyncOldPage !== true && document.readyState === 'complete';"))

        def submit(element_id):
            """Clicks a button that loads a new page, and waits until the new page is there."""
            wait_for_new_page(lambda: browser.find_element(By.ID, element_id).click())

        def submit_css(selector):
            """The same for a button found by a CSS selector (forms repeated per node or file)."""
            wait_for_new_page(lambda: browser.find_element(By.CSS_SELECTOR, selector).click())

        def wait_for_deploy():
            """Waits until the deploy page shows the deploy over (its summary, or its error)."""
            WebDriverWait(browser, 60, ignored_exceptions=(Exception,)).until(
                lambda b: b.find_element(By.ID, "deploy-live").get_attribute("data-state") == "done")

        def shot(name):
            browser.save_screenshot(f"{shots}/{name}.png")

        step = "log in"
        browser.get(url + "/")
        check("/login" in browser.current_url, "a visitor is sent to the login page")
        shot("login")
        browser.find_element(By.ID, "user").send_keys(user)
        browser.find_element(By.ID, "password").send_keys(password)
        submit("login")
        check(browser.find_element(By.TAG_NAME, "h1").text == "Overview", "the overview after the login")
        check(len(browser.find_elements(By.CSS_SELECTOR, "#nodes tr.node")) == 3, "three nodes listed")
        shot("overview")

        step = "save a typo"
        browser.get(url + "/edit?path=/etc/squid3/squid.conf")
        editor = browser.find_element(By.ID, "content")
        original = editor.get_property("value")
        lines = original.rstrip("\n").split("\n")
        typo_line = len(lines) + 1
        browser.execute_script("arguments[0].value = arguments[1];", editor, original.rstrip("\n") + "\nhttp_port 3128x\n")
        submit("save")
        check("invalid" in browser.find_element(By.ID, "verdict").text, "the typo is refused")
        flagged = browser.find_elements(By.CSS_SELECTOR, f'#annotated .flagged[data-line="{typo_line}"]')
        check(len(flagged) == 1, f"the error is marked at line {typo_line}")
        check(not browser.find_elements(By.ID, "commit"), "no commit button while invalid")
        shot("edit-error")

        step = "fix and commit"
        editor = browser.find_element(By.ID, "content")
        browser.execute_script("arguments[0].value = arguments[1];", editor, original.rstrip("\n") + "\n# from the browser\n")
        submit("save")
        check("valid" in browser.find_element(By.ID, "verdict").text, "the fix is valid")
        browser.find_element(By.ID, "commit-message").send_keys("squid: edited in a browser")
        submit("commit")
        outcome = browser.find_element(By.ID, "outcome").text
        check(outcome.startswith("committed "), f"committed: {outcome}")
        commit = outcome.split(" ")[1]

        step = "preview and deploy"
        submit("dry-run")
        check(len(browser.find_elements(By.CSS_SELECTOR, "#outcomes tr.outcome")) == 3, "a preview for each node")
        shot("deploy-preview")
        submit("deploy")
        check("/deploy/" in browser.current_url, f"the deploy has a page of its own: {browser.current_url}")
        try:
            # The nodes' reload takes a second: their rows show them being sent to meanwhile.
            WebDriverWait(browser, 5).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#outcomes tr.sending"))
            shot("deploy-running")
        except Exception:  # noqa: BLE001 - a fast machine may be done already; the checks below still hold
            pass
        wait_for_deploy()
        summary = browser.find_element(By.ID, "deploy-summary").text
        check("3/3 node(s) at the commit" in summary, f"every node deployed: {summary}")
        followed = int(browser.find_element(By.ID, "deploy-live").get_attribute("data-followed") or "0")
        check(followed >= 1, "the page followed the nodes as they finished (server-sent events)")
        check(len(browser.find_elements(By.CSS_SELECTOR, "#outcomes tr.outcome")) == 3, "a row for each node")
        check(not browser.find_elements(By.CSS_SELECTOR, "#outcomes tr.sending"), "no node still shown as being sent to")
        check(browser.find_element(By.ID, "deploy-count").text == "3", "three nodes counted done")
        shot("deploy")
        browser.get(url + "/")
        commits = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#nodes tr.node td.commit")]
        check(commits == [commit] * 3, f"every node at {commit}: {commits}")

        step = "history and revert"
        browser.get(url + "/log")
        wait_for_new_page(lambda: browser.find_element(By.LINK_TEXT, commit).click())
        check(browser.find_elements(By.CSS_SELECTOR, "pre.diff span.add"), "the diff marks the added line")
        shot("commit")
        submit("revert")
        check(browser.find_element(By.ID, "outcome").text.startswith("committed "), "the revert is a new commit")
        submit("deploy")
        wait_for_deploy()
        check("3/3 node(s) at the commit" in browser.find_element(By.ID, "deploy-summary").text, "the revert deployed")
        if drift_node:
            step = "drift and overwrite"
            squid = f"{drift_root}/etc/squid3/squid.conf"
            with open(squid, encoding="utf-8") as file:
                deployed = file.read()
            with open(squid, "w", encoding="utf-8") as file:
                file.write(deployed + "# hand edit <b>on the node</b>\n")
            browser.get(url + "/")
            wait_for_new_page(lambda: browser.find_element(By.LINK_TEXT, "Drift").click())
            section = f'section.drift-node[data-node="{drift_node}"]'
            added = [span.text for span in browser.find_elements(By.CSS_SELECTOR, f"{section} pre.diff span.add")]
            check("+# hand edit <b>on the node</b>" in added, f"the hand edit as an added line: {added}")
            check(not browser.find_elements(By.CSS_SELECTOR, f"{section} pre.diff b"), "the edit's markup is text")
            shot("drift")
            submit_css(f'form.overwrite[data-node="{drift_node}"] button')
            check(browser.find_elements(By.CSS_SELECTOR, "#overwrite-files li"), "the confirmation lists the files")
            submit("confirm-overwrite")
            summary = browser.find_element(By.ID, "deploy-summary").text
            check("1/1 node(s) at the commit" in summary, f"the node deployed over its drift: {summary}")
            with open(squid, encoding="utf-8") as file:
                check(file.read() == deployed, "the node's file is the commit's again")
            wait_for_new_page(lambda: browser.find_element(By.ID, "drift-again").click())
            check(browser.find_elements(By.CSS_SELECTOR, f"{section} p.no-drift"), "no drift left")
        print("console story: every step passed")
        return 0
    except Exception as error:  # noqa: BLE001 - report any failure with its step
        print(f"console story: step '{step}' failed: {error}")
        browser.save_screenshot(f"{shots}/failed.png")
        return 1
    finally:
        browser.quit()


if __name__ == "__main__":
    sys.exit(main())
