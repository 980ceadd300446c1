// manysides: small progressive enhancements. Every page works without this file.
"use strict";
document.documentElement.classList.add("js");

function onReady(fn) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
  else fn();
}

// Home: add another box; show that the form was sent.
function setUpForm() {
  const form = document.getElementById("brief-form");
  if (!form) return;
  const boxes = document.getElementById("boxes");
  const template = document.getElementById("box-template");
  const add = document.getElementById("add-box");
  add.addEventListener("click", () => {
    const count = boxes.querySelectorAll(".box").length;
    if (count >= 20) { add.disabled = true; return; }
    const box = template.content.firstElementChild.cloneNode(true);
    box.querySelector("legend").textContent = "Article " + (count + 1);
    boxes.appendChild(box);
    box.querySelector("textarea").focus();
  });
  form.addEventListener("submit", () => {
    const button = document.getElementById("submit");
    button.disabled = true;
    button.textContent = "Sending…";
  });
}

// Job page: poll the job's status until the brief is ready.
function setUpJob() {
  const box = document.getElementById("job");
  if (!box || !document.getElementById("job-progress")) return;
  const url = box.dataset.statusUrl;
  const bar = document.getElementById("job-progress");
  const stage = document.getElementById("job-stage");
  const percent = document.getElementById("job-percent");
  const error = document.getElementById("job-error");
  let delay = 300;
  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      const job = await response.json();
      if (!response.ok) throw new Error(job.detail || response.statusText);
      bar.value = job.fraction;
      stage.textContent = job.stage;
      percent.textContent = Math.round(job.fraction * 100) + "%";
      if (job.status === "done") { window.location.replace(job.page_url); return; }
      if (job.status === "failed") {
        error.textContent = job.error;
        error.hidden = false;
        bar.hidden = true;
        const again = document.createElement("p");
        const link = document.createElement("a");
        link.href = "/";
        link.textContent = "Try again";
        again.appendChild(link);
        box.appendChild(again);
        return;
      }
    } catch (e) {
      error.textContent = "Lost touch with the server (" + e.message + "); retrying…";
      error.hidden = false;
      delay = Math.min(delay * 2, 5000);
    }
    setTimeout(poll, delay);
    delay = Math.min(delay + 100, 1000);
  }
  poll();
}

// Brief page: sections as tabs, following the URL's #fragment.
function setUpTabs() {
  const links = Array.from(document.querySelectorAll(".tabs a[data-tab]"));
  if (!links.length) return;
  const panels = links.map((a) => document.getElementById(a.dataset.tab)).filter(Boolean);
  function show(name, scroll) {
    if (!panels.some((p) => p.id === name)) name = "summary";
    panels.forEach((p) => p.classList.toggle("active", p.id === name));
    links.forEach((a) => {
      const on = a.dataset.tab === name;
      a.classList.toggle("active", on);
      if (on) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    if (scroll) document.querySelector(".tabs").scrollIntoView({ block: "start" });
  }
  links.forEach((a) => a.addEventListener("click", (event) => {
    event.preventDefault();
    history.replaceState(null, "", "#" + a.dataset.tab);
    show(a.dataset.tab, false);
  }));
  window.addEventListener("hashchange", () => show(location.hash.slice(1), true));
  show(location.hash.slice(1), false);
}

// Citations: on touch screens the first tap shows the source sentence, the link inside opens the article.
function setUpCitations() {
  const touch = window.matchMedia("(hover: none)").matches;
  document.querySelectorAll(".cite").forEach((cite) => {
    cite.addEventListener("click", (event) => {
      const wrap = cite.parentElement;
      if (!touch || wrap.classList.contains("open")) return;
      event.preventDefault();
      document.querySelectorAll(".cite-wrap.open").forEach((w) => w.classList.remove("open"));
      wrap.classList.add("open");
    });
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".cite-wrap")) {
      document.querySelectorAll(".cite-wrap.open").forEach((w) => w.classList.remove("open"));
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") document.querySelectorAll(".cite-wrap.open").forEach((w) => w.classList.remove("open"));
  });
}

// Article page: bring the cited sentence to the middle of the screen.
function setUpArticle() {
  if (!document.getElementById("article") || !location.hash) return;
  const mark = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (mark && mark.tagName === "MARK") {
    mark.classList.add("flash");
    mark.scrollIntoView({ block: "center" });
  }
}

onReady(() => { setUpForm(); setUpJob(); setUpTabs(); setUpCitations(); setUpArticle(); });
