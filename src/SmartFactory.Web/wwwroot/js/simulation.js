// The simulation page's progress bar: asks whichever node answers how far the simulation is, and shows the result when done.
(function () {
    const section = document.querySelector("[data-progress-url]");
    if (!section) return;
    const bar = section.querySelector("progress");
    const text = section.querySelector("[data-progress-text]");
    async function poll() {
        try {
            const response = await fetch(section.dataset.progressUrl, { headers: { Accept: "application/json" } });
            if (response.ok) {
                const p = await response.json();
                bar.max = Math.max(p.total, 1);
                bar.value = p.done;
                text.textContent = p.text;
                if (p.state !== "running") {
                    location.reload();
                    return;
                }
            }
        } catch (e) {
            // a node restarting: try again on the next tick
        }
        setTimeout(poll, 1000);
    }
    setTimeout(poll, 500);
})();
