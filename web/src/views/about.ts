import { h } from "../dom";
import type { View } from "../router";

export async function aboutView(): Promise<View> {
  const section = (heading: string, ...paragraphs: Array<string | HTMLElement>) =>
    h("section", { class: "panel prose" }, h("h2", {}, heading), ...paragraphs.map((p) => (typeof p === "string" ? h("p", {}, p) : p)));
  return {
    title: "About",
    element: h(
      "section",
      { class: "page" },
      h("h1", {}, "About"),
      h("p", { class: "lead" }, "Citystay lets you reserve a city apartment for your dates in a few seconds and holds them for you while you pay."),
      h(
        "div",
        { class: "stack" },
        section(
          "How a booking works",
          h(
            "ol",
            {},
            h("li", {}, "Choose your check-in and check-out dates; the list and each apartment's calendar show which nights are free."),
            h("li", {}, "Reserve with your name and email: you see the nights and the total before you do."),
            h("li", {}, "Your nights are held for you until the payment deadline shown on your reservation."),
            h("li", {}, "Pay the total in time and the booking is confirmed; those nights are yours."),
            h("li", {}, "If the deadline passes without payment, the reservation expires, you are not charged, and the nights are free for others again."),
          ),
        ),
        section(
          "How it is built",
          "This page is a small single-page app with no framework, served as static files from Amazon S3 through CloudFront. " +
            "It talks to a booking API on AWS Lambda backed by DynamoDB; a Step Functions workflow watches each payment deadline. " +
            "All of it, infrastructure included, lives in one TypeScript repository built with CDK for Terraform.",
        ),
        section(
          "Accessibility",
          "Every page works with a keyboard alone and with screen readers: form fields have labels and their errors are read out, " +
            "status changes and the last minute of a payment window are announced, and focus moves to the heading of each new page. " +
            "Availability is always written out, never shown by colour alone. The layout adapts to phone screens, " +
            "follows your light or dark preference, and calms its animations if you ask your system for reduced motion.",
        ),
      ),
    ),
  };
}
