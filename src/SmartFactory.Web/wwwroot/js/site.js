// Autosave: every change in a form marked data-autosave is posted at once (text after a short pause),
// and the preview panel follows the server's answer. Without script, the forms' own buttons still work.
(function () {
  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const status = document.querySelector('[data-save-status]');
  const say = (text, bad) => {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('bad', !!bad);
  };
  // One save at a time per form: a change made while a save is on its way is sent after it, with the
  // form's state at that moment, so an older state can never arrive last and overwrite a newer one.
  function save(form) {
    if (form.saving) { form.dirty = true; return form.saving; }
    form.saving = send(form).finally(() => {
      form.saving = null;
      if (form.dirty) { form.dirty = false; save(form); }
    });
    return form.saving;
  }
  async function send(form) {
    say('正在保存…');
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': token() },
        credentials: 'same-origin'
      });
      const body = await response.json().catch(() => ({ saved: false, message: '保存失败，请刷新页面后重试。' }));
      if (!response.ok || !body.saved) {
        say(body.message || '保存失败。', true);
        form.dataset.saveState = 'refused';
        return;
      }
      form.dataset.saveState = 'saved';
      const mark = form.querySelector('.state');
      if (mark) { mark.textContent = '已评价'; mark.dataset.rated = 'yes'; }
      for (const key of ['rated', 'recommendedTier', 'referenceLevel', 'index']) {
        document.querySelectorAll(`[data-preview="${key}"]`).forEach(e => e.textContent = body[key]);
      }
      const progress = document.querySelector('[data-preview="progress"]');
      if (progress) progress.value = body.rated;
      say(`${body.message} ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`);
    } catch {
      say('网络异常，未能保存；请检查网络后再修改一次。', true);
      form.dataset.saveState = 'failed';
    }
  }
  document.querySelectorAll('form[data-autosave]').forEach(form => {
    let timer;
    form.addEventListener('change', () => { clearTimeout(timer); save(form); });
    form.addEventListener('input', e => {
      if (e.target.tagName !== 'TEXTAREA' && !['text', 'number'].includes(e.target.type)) return;
      clearTimeout(timer);
      timer = setTimeout(() => save(form), 800);
    });
    form.addEventListener('submit', e => { e.preventDefault(); clearTimeout(timer); save(form); });
  });
})();

// The officials' lists: when the city changes, the county select offers that city's counties only (from the template
// the page carries); without script the server sends the same options once the filter is submitted.
(function () {
  const city = document.querySelector('select[data-county-follows]');
  const template = document.getElementById('county-options');
  const county = city?.form.querySelector('select[name="Filter.County"]');
  if (!city || !template || !county) return;
  city.addEventListener('change', () => {
    const chosen = county.value;
    county.replaceChildren(county.options[0]);
    for (const option of template.content.querySelectorAll('option')) {
      if (city.value && option.dataset.city !== city.value) continue;
      const copy = option.cloneNode(true);
      copy.selected = copy.value === chosen;
      county.append(copy);
    }
  });
})();

// The navigation bar: the current page's item is marked for screen readers, and on a phone, where the bar is one row
// that scrolls sideways, brought into view.
(function () {
  const nav = document.querySelector('header.top nav');
  const here = nav && [...nav.querySelectorAll('a')].find(a => a.pathname === location.pathname);
  if (!here) return;
  here.setAttribute('aria-current', 'page');
  if (nav.scrollWidth > nav.clientWidth) nav.scrollLeft = here.offsetLeft - nav.offsetLeft - 8;
})();

// A wide table scrolls sideways inside its .scroll box on a phone: a box that does so is made reachable with the keyboard
// (arrow keys scroll it) and named after its table's caption or the heading before it. Only then, since whether it
// overflows depends on the screen, and a tab stop on a box that does not scroll would be one stop too many.
(function () {
  for (const box of document.querySelectorAll('.scroll')) {
    if (box.scrollWidth <= box.clientWidth || box.querySelector('a, button, input, select, textarea, [tabindex]')) continue;
    let title = box.querySelector('caption') ?? box.previousElementSibling;
    while (title && !/^H[2-4]$/.test(title.tagName)) title = title.previousElementSibling;
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', `${title?.textContent.trim() || '表格'}（可左右滚动）`);
  }
})();
