import { html } from "hono/html";
import { APARTMENT_STATUSES, RESERVATION_STATUSES } from "../model";
import type { OccupancyReport } from "./occupancy";

/**
 * The occupancy page. Every value from the tables goes through hono's `html` template, which escapes
 * it, so a name like `<script>` is shown as text. No guest names or e-mail addresses are shown, and
 * no whole reservation id (which would let anyone read them through the API).
 */
export function occupancyPage(report: OccupancyReport) {
  const total = report.rows.length;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Occupancy report</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d1d1f; }
  table { border-collapse: collapse; margin: 1rem 0 2rem; }
  th, td { border-bottom: 1px solid #ddd; padding: .4rem .8rem; text-align: left; }
  td.number { text-align: right; }
  .vacant { color: #1a7f37; } .reserved { color: #9a6700; } .occupied { color: #cf222e; }
</style>
</head>
<body>
<h1>Occupancy report</h1>
<p>${total} apartment${total === 1 ? "" : "s"}, generated at <time datetime="${report.generatedAt}">${report.generatedAt}</time>.</p>
<h2>Apartments by status</h2>
<table id="apartment-counts">
  <tr>${APARTMENT_STATUSES.map((s) => html`<th class="${s}">${s}</th>`)}</tr>
  <tr>${APARTMENT_STATUSES.map((s) => html`<td class="number" data-status="${s}">${report.apartmentsByStatus[s]}</td>`)}</tr>
</table>
<h2>Reservations by status</h2>
<table id="reservation-counts">
  <tr>${RESERVATION_STATUSES.map((s) => html`<th>${s}</th>`)}</tr>
  <tr>${RESERVATION_STATUSES.map((s) => html`<td class="number" data-status="${s}">${report.reservationsByStatus[s]}</td>`)}</tr>
</table>
<h2>Apartments</h2>
<table id="apartments">
  <tr><th>Apartment</th><th>Bedrooms</th><th>Price per night</th><th>Status</th><th>Reservation</th><th>Payment deadline</th></tr>
  ${report.rows.map(
    ({ apartment, reservation }) => html`<tr>
    <td>${apartment.name}</td>
    <td class="number">${apartment.bedrooms}</td>
    <td class="number">${apartment.pricePerNight}</td>
    <td class="${apartment.status}">${apartment.status}</td>
    <td>${reservation ? `${reservation.reference}… (${reservation.status})` : ""}</td>
    <td>${reservation && apartment.status === "reserved" ? reservation.paymentDeadline : ""}</td>
  </tr>`,
  )}
</table>
</body>
</html>`;
}
