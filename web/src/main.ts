import { startRouter } from "./router";
import { aboutView } from "./views/about";
import { apartmentShell, apartmentView } from "./views/apartment";
import { apartmentsShell, apartmentsView } from "./views/apartments";
import { failedView, loadSucceeded, notFoundView } from "./views/messages";
import { reservationShell, reservationView } from "./views/reservation";

const outlet = document.getElementById("main")!;

// The skip link targets #main; following it as a link would change the route.
document.querySelector(".skip-link")?.addEventListener("click", (event) => {
  event.preventDefault();
  outlet.focus();
});

startRouter({
  outlet,
  siteName: "Citystay",
  routes: [
    { path: /^\/$/, render: apartmentsView, shell: apartmentsShell },
    { path: /^\/apartments\/([^/]+)$/, render: apartmentView, shell: apartmentShell },
    { path: /^\/reservations\/([^/]+)$/, render: reservationView, shell: reservationShell },
    { path: /^\/about$/, render: aboutView },
  ],
  notFound: notFoundView,
  failed: failedView,
  navigated: (path, view) => {
    if (!view.failed) loadSucceeded();
    document.querySelectorAll<HTMLAnchorElement>(".site-nav a").forEach((link) => {
      const section = link.getAttribute("href")!.slice(1);
      const current = section === "/" ? !path.startsWith("/about") : path.startsWith(section);
      if (current) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
  },
});
