// Labelled form fields for the filters above tables.
import { h } from '../dom.js';

/** A labelled <select>; `all` is the option that filters nothing (null: none). */
export function select(id, labelText, values, { all = 'all', chosen = '', label = (v) => v } = {}) {
  const input = h(
    'select',
    { id, name: id },
    all !== null ? h('option', { value: '' }, all) : null,
    values.map((v) => h('option', { value: v, selected: v === chosen }, label(v))),
  );
  return { input, field: h('div', { class: 'field' }, h('label', { for: id }, labelText), input) };
}

/** A labelled search box. */
export function searchBox(id, labelText, placeholder) {
  const input = h('input', { id, name: id, type: 'search', placeholder, autocomplete: 'off', spellcheck: 'false' });
  return { input, field: h('div', { class: 'field field-grow' }, h('label', { for: id }, labelText), input) };
}

/** A filter form: never submitted (filters apply as they change). */
export function filterForm(labelText, ...fields) {
  return h('form', { class: 'filters', role: 'search', 'aria-label': labelText, onsubmit: (e) => e.preventDefault() }, fields);
}
