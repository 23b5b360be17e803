import { html } from "hono/html";
import { RESERVATION_STATUSES } from "../model";
import { NIGHT_STATES, type OccupancyReport } from "./occupancy";

const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** "Tue 1 Dec" for a YYYY-MM-DD date. */
const dayLabel = (date: string) => weekday.format(new Date(`${date}T00:00:00Z`)).replace(",", "");

/**
 * The occupancy page: occupancy by date (today and the next 7 days) in total and per apartment,
 * and the reservations by status. Every value from the tables goes through hono's `html`
 * template, which escapes it, so a name like `<script>` is shown as text. No guest names or
 * e-mail addresses are shown, and no whole reservation id (which would let anyone read them
 * through the API). Laid out for a 375 px wide phone: tables of at most five narrow columns that
 * take the screen's width, the per-apartment nights as a wrapping list, long names wrapped.
 */
export function occupancyPage(report: OccupancyReport) {
  const total = report.rows.length;
  const label = (dates: readonly string[]) => dates.map(dayLabel).join(" / ");
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Occupancy report</title>
<style>
  *, *::before, *::after { box-sizing: border-box; }
  body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 60rem; color: #1d1d1f; line-height: 1.4; overflow-wrap: anywhere; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 1.5rem; } h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
  table { border-collapse: collapse; width: 100%; max-width: 36rem; margin: .5rem 0 1rem; }
  th, td { border-bottom: 1px solid #ccc; padding: .35rem .4rem; text-align: left; }
  td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  ol.nights { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem; padding: 0; margin: 0; }
  ol.nights li { flex: 0 0 calc(25% - .3rem); min-width: 4.2rem; border: 1px solid #767676; border-radius: .3rem; padding: .2rem .3rem; font-size: .85rem; }
  .booked { background: #ffebe9; } .held { background: #fff8c5; } .releasing { background: #eaeef2; } .free { background: #dafbe1; }
  .state { display: block; font-weight: 600; }
</style>
</head>
<body>
<h1>Occupancy report</h1>
<p>${total} apartment${total === 1 ? "" : "s"}, today and the next ${report.days.length - 1} days at each apartment; generated at <time datetime="${report.generatedAt}">${report.generatedAt}</time>.</p>
<h2>Occupancy by date</h2>
<table id="occupancy-by-date">
  <tr><th scope="col">Night</th>${NIGHT_STATES.map((s) => html`<th scope="col" class="number">${s}</th>`)}</tr>
  ${report.days.map((day) => html`<tr data-offset="${day.offset}">
    <th scope="row">${day.offset === 0 ? "Today" : ""}${day.offset === 0 ? html`<br>` : ""}${label(day.dates)}</th>
    ${NIGHT_STATES.map((s) => html`<td class="number" data-state="${s}">${day.counts[s]}</td>`)}
  </tr>`)}
</table>
<h2>Apartments</h2>
${report.rows.map(({ apartment, nights }) => html`<section class="apartment" data-apartment="${apartment.id}">
<h3>${apartment.name} <small>(${apartment.timeZone})</small></h3>
<ol class="nights">
  ${nights.map((n) => html`<li class="${n.state}" data-date="${n.date}" data-state="${n.state}">${dayLabel(n.date)}<span class="state">${n.state}</span>${n.reference ? html`<small>${n.reference}…</small>` : ""}</li>`)}
</ol>
</section>`)}
<h2>Reservations by status</h2>
<table id="reservation-counts">
  <tr>${RESERVATION_STATUSES.map((s) => html`<th scope="col" class="number">${s}</th>`)}</tr>
  <tr>${RESERVATION_STATUSES.map((s) => html`<td class="number" data-status="${s}">${report.reservationsByStatus[s]}</td>`)}</tr>
</table>
</body>
</html>`;
}
