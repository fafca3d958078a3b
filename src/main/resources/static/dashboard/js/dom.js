// Building the DOM without HTML strings: user text only ever becomes text nodes or attribute values.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let ids = 0;
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field: the label's for points at the control. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid('f');
  const error = h('span', { class: 'field-error', id: control.id + '-error', role: 'alert' });
  control.setAttribute('aria-describedby', error.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control,
    hint ? h('small', { class: 'hint' }, hint) : null, error);
}

/** Shows a field's server-side error next to it (empty text clears it). */
export function fieldError(control, text) {
  const error = document.getElementById(control.id + '-error');
  if (error) error.textContent = text || '';
  control.setAttribute('aria-invalid', text ? 'true' : 'false');
}

/** An outcome line next to what caused it: role=status so screen readers hear it. */
export function outcome() {
  const el = h('p', { class: 'outcome', role: 'status', 'aria-live': 'polite' });
  el.ok = (text) => { el.className = 'outcome ok'; el.textContent = text; toast(text); };
  el.fail = (error) => {
    el.className = 'outcome fail';
    el.textContent = describe(error);
  };
  return el;
}

export function describe(error) {
  if (error && error.detail) return error.detail;
  return error && error.message ? error.message : String(error);
}

export function toast(text) {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = text;
  el.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('shown'), 4000);
}

export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Runs an action from a button: disables it meanwhile and reports the outcome. */
/** Marks a region aria-busy while it is re-rendered (screen readers and tests wait for it). */
export async function busy(region, render) {
  region.setAttribute('aria-busy', 'true');
  try {
    return await render();
  } finally {
    region.removeAttribute('aria-busy');
  }
}

export async function act(button, out, action, success) {
  button.disabled = true;
  try {
    const result = await action();
    out.ok(typeof success === 'function' ? success(result) : success);
    return result;
  } catch (error) {
    out.fail(error);
    return undefined;
  } finally {
    button.disabled = false;
  }
}
