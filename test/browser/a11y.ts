import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * Accessibility checks run inside a page of the built extension in Chromium: WCAG contrast of
 * every piece of text as rendered (computed styles, not the stylesheet's intentions), and
 * axe-core's rules.
 */

export interface ContrastProblem {
  text: string;
  element: string;
  foreground: string;
  background: string;
  ratio: number;
  required: number;
}

/**
 * Every visible text (text nodes and form control values) whose contrast with what is behind it
 * is under WCAG AA: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). Disabled controls
 * are exempt (WCAG 1.4.3), as is text hidden from sight. Backgrounds are composited up the tree
 * (semi-transparent colours and opacity included) onto the page's canvas.
 */
export async function contrastProblems(page: Page): Promise<ContrastProblem[]> {
  // tsx (scripts) compiles with keepNames, which wraps inner functions in a `__name` helper the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      if (!m) return [0, 0, 0, 0];
      const parts = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const hex = (c: Rgba) => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

    // The canvas: the root's background, else the scheme's default.
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const canvas: Rgba = dark ? [18, 18, 18, 1] : [255, 255, 255, 1];

    /** The opaque colour behind `el`'s content, and the opacity it is painted with. */
    function backdrop(el: Element): { bg: Rgba; opacity: number } {
      const chain: Element[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) chain.push(e);
      let bg: Rgba = canvas;
      let opacity = 1;
      for (const e of chain.reverse()) {
        const style = getComputedStyle(e);
        bg = over(parse(style.backgroundColor), bg);
        opacity *= Number(style.opacity);
      }
      return { bg, opacity };
    }

    function visible(el: Element): boolean {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.display === 'none' || style.visibility === 'hidden' || style.clip === 'rect(0px, 0px, 0px, 0px)') return false;
      }
      const box = el.getBoundingClientRect();
      return box.width > 1 && box.height > 1;
    }

    const problems: ContrastProblem[] = [];
    const seen = new Set<string>();
    function check(el: Element, text: string) {
      if (!text.trim() || !visible(el)) return;
      if ((el as HTMLButtonElement).disabled || el.closest('[disabled], [aria-disabled="true"]')) return;
      const style = getComputedStyle(el);
      const { bg, opacity } = backdrop(el);
      const canvasBehind = canvas;
      let fg = over(parse(style.color), bg);
      let back = bg;
      if (opacity < 1) {
        // Translucent subtree: text and its background are both blended with what lies below.
        fg = over([...fg.slice(0, 3), opacity] as Rgba, canvasBehind);
        back = over([...back.slice(0, 3), opacity] as Rgba, canvasBehind);
      }
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const required = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const r = ratio(fg, back);
      const key = `${hex(fg)}/${hex(back)}/${el.tagName}/${text.trim().slice(0, 20)}`;
      if (r + 1e-6 < required && !seen.has(key)) {
        seen.add(key);
        problems.push({
          text: text.trim().slice(0, 60),
          element: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''}`,
          foreground: hex(fg),
          background: hex(back),
          ratio: Math.round(r * 100) / 100,
          required,
        });
      }
    }

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'OPTION', 'TEXTAREA', 'NOSCRIPT'].includes(parent.tagName)) continue;
      check(parent, node.textContent ?? '');
    }
    for (const control of Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select'))) {
      if (control instanceof HTMLInputElement && ['checkbox', 'radio', 'file', 'hidden', 'range', 'color'].includes(control.type)) continue;
      const text = control instanceof HTMLSelectElement ? (control.selectedOptions[0]?.textContent ?? '') : control.value;
      check(control, text);
    }
    return problems;
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A/AA rules and best practices). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the extension page's CSP does not apply to it.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
