// Autosave: every change in a form marked data-autosave is posted at once (text after a short pause), and the preview
// panel follows the server's answer. A form marked data-autosave="fields" (the basics) saves each field on its own, so a
// refused field holds back no other; a refused value stays on screen marked 未保存 with its message beside it, and
// leaving the page with one (or with a file chosen but not uploaded) asks first. Without script the forms' buttons work.
(function () {
  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const status = document.querySelector('[data-save-status]');
  const say = (text, bad) => {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('bad', !!bad);
  };
  const time = () => new Date().toLocaleTimeString('zh-CN', { hour12: false });
  // keepalive lets a save started as the page is left finish; files are too big for it (64 KB), and are not sent then.
  const post = (url, body, keepalive = false) => fetch(url, {
    method: 'POST', body, keepalive, headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': token() }, credentials: 'same-origin'
  }).then(async response => {
    const answer = await response.json().catch(() => ({ saved: false, message: '保存失败，请刷新页面后重试。' }));
    return response.ok && answer.saved ? answer : Object.assign({ saved: false }, answer, { saved: false });
  });
  // What is not saved: a key per form (or per field of a per-field form) whose last save was refused or failed.
  const unsaved = new Map();
  const preview = body => {
    for (const key of ['rated', 'recommendedTier', 'referenceLevel', 'index']) {
      document.querySelectorAll(`[data-preview="${key}"]`).forEach(e => e.textContent = body[key]);
    }
    const progress = document.querySelector('[data-preview="progress"]');
    if (progress) progress.value = body.rated;
  };
  const controls = (form, name) => [...form.elements].filter(e => e.name === name);
  const besideField = (form, name) => form.querySelector(`[data-valmsg-for="${name}"]`);
  function mark(form, name, message) {
    const slot = name ? besideField(form, name) : form.querySelector('[data-save-message]');
    if (slot) slot.textContent = message ? `未保存：${message}` : '';
    for (const control of name ? controls(form, name) : []) {
      control.classList.toggle('unsaved', !!message);
      if (message) control.setAttribute('aria-invalid', 'true'); else control.removeAttribute('aria-invalid');
    }
    form.classList.toggle('unsaved', !name && !!message);
  }
  // One save at a time per key: a change made while a save is on its way is sent after it, with the form's state at
  // that moment, so an older state can never arrive last and overwrite a newer one.
  const queues = new Map();
  function save(form, field) {
    const key = field ? `${form.action}|${field}` : form.action + (form.querySelector('[name=no]')?.value ?? '');
    const queue = queues.get(key) ?? {};
    queues.set(key, queue);
    if (queue.saving) { queue.dirty = true; return queue.saving; }
    queue.saving = send(form, field, key).finally(() => {
      queue.saving = null;
      if (queue.dirty) { queue.dirty = false; save(form, field); }
    });
    return queue.saving;
  }
  async function send(form, field, key) {
    say('正在保存…');
    const body = new FormData(form);
    if (field) body.append('field', field);
    try {
      const answer = await post(form.action, body, true);
      if (!answer.saved) {
        unsaved.set(key, answer.message);
        const problems = answer.problems?.length ? answer.problems : [{ field: field ?? '', message: answer.message || '保存失败。' }];
        for (const p of problems) mark(form, p.field || null, p.message);
        say(`未保存：${answer.message || '保存失败。'}`, true);
        form.dataset.saveState = 'refused';
        return;
      }
      unsaved.delete(key);
      mark(form, field, null);
      form.dataset.saveState = 'saved';
      const state = form.querySelector('.state');
      if (state) { state.textContent = '已评价'; state.dataset.rated = 'yes'; }
      preview(answer);
      say(unsaved.size ? `${answer.message} ${time()}；仍有 ${unsaved.size} 项未保存` : `${answer.message} ${time()}`, unsaved.size > 0);
    } catch {
      unsaved.set(key, 'network');
      mark(form, field, '网络异常，请检查网络后再修改一次。');
      say('网络异常，未能保存；请检查网络后再修改一次。', true);
      form.dataset.saveState = 'failed';
    }
  }
  const pending = new Map();
  document.querySelectorAll('form[data-autosave]').forEach(form => {
    const perField = form.dataset.autosave === 'fields';
    const later = (field, delay) => {
      const timers = pending.get(form) ?? {};
      pending.set(form, timers);
      clearTimeout(timers[field]?.id);
      const run = () => { delete timers[field]; save(form, perField ? field : null); };
      if (delay) timers[field] = { id: setTimeout(run, delay), run }; else { delete timers[field]; run(); }
    };
    form.addEventListener('change', e => later(e.target.name, 0));
    form.addEventListener('input', e => {
      if (e.target.tagName !== 'TEXTAREA' && !['text', 'number'].includes(e.target.type)) return;
      later(e.target.name, 800);
    });
    form.addEventListener('submit', e => {
      e.preventDefault();
      if (perField) new Set([...form.elements].map(c => c.name).filter(n => n.startsWith('Input.'))).forEach(n => later(n, 0));
      else later('', 0);
    });
  });

  // Evidence: uploaded and deleted without a reload (the page keeps its place), the answer beside the upload control;
  // a file chosen but not uploaded is pointed out at once and again before the page is left.
  const chosen = form => form.querySelector('input[type=file]')?.files?.length > 0;
  const uploadSays = (form, text, kind) => {
    const slot = form.querySelector('[data-upload-message]');
    if (!slot) return;
    slot.textContent = text;
    slot.dataset.kind = kind ?? '';
  };
  function fileItem(form, file) {
    const li = document.createElement('li');
    li.dataset.fileId = file.id;
    const link = Object.assign(document.createElement('a'), { href: `/files/${file.id}`, id: `draft-file-${file.id}`, textContent: file.name });
    const url = new URL(form.action, location.href);
    url.searchParams.set('handler', 'DeleteFile');
    url.searchParams.set('id', file.id);
    const remove = Object.assign(document.createElement('button'), { type: 'submit', className: 'link delete', textContent: '删除' });
    remove.setAttribute('formaction', url.pathname + url.search);
    remove.setAttribute('formnovalidate', '');
    remove.setAttribute('aria-describedby', link.id);
    li.append(link, `（${file.kb} KB） `, remove);
    return li;
  }
  document.querySelectorAll('form[data-upload]').forEach(form => {
    const input = form.querySelector('input[type=file]');
    input?.addEventListener('change', () => chosen(form)
      ? uploadSays(form, `已选择“${input.files[0].name}”，尚未上传：请点“上传”。`, 'warn')
      : uploadSays(form, ''));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const button = e.submitter;
      const deleting = button?.hasAttribute('formaction');
      const body = new FormData();
      body.append('__RequestVerificationToken', token());
      if (!deleting) {
        if (!chosen(form)) { uploadSays(form, '请先选择要上传的文件。', 'bad'); return; }
        for (const [k, v] of new FormData(form)) body.append(k, v);
      }
      uploadSays(form, deleting ? '正在删除…' : '正在上传…');
      try {
        const answer = await post(deleting ? button.getAttribute('formaction') : form.action, body);
        if (!answer.saved) { uploadSays(form, `${deleting ? '未删除' : '未上传'}：${answer.message}`, 'bad'); return; }
        if (deleting) {
          const item = button.closest('li');
          uploadSays(form, `已删除“${item.querySelector('a')?.textContent ?? ''}”。`);
          item.remove();
        } else {
          form.querySelector('[data-files]')?.append(fileItem(form, answer.file));
          uploadSays(form, `已上传“${answer.file.name}”。`);
          input.value = '';
        }
        preview(answer);
        say(`${answer.message} ${time()}`);
      } catch {
        uploadSays(form, '网络异常，未能完成；请检查网络后重试。', 'bad');
      }
    });
  });

  window.addEventListener('beforeunload', e => {
    // Text typed within the last pause goes now; what the server refused, or a file not uploaded, is worth a question.
    for (const timers of pending.values()) for (const t of Object.values(timers)) { clearTimeout(t.id); t.run(); }
    if (unsaved.size > 0 || [...document.querySelectorAll('form[data-upload]')].some(chosen)) {
      e.preventDefault();
      e.returnValue = '';
    }
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
