// A button marked data-print-page prints the page. In a file of its own, not an onclick
// attribute: the Content-Security-Policy runs no inline script (lms/settings/base.py).
document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print-page]")) {
        window.print();
    }
});
