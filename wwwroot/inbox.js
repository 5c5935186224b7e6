// The owner inbox's small browser side: notifications while the owner is elsewhere, scrolling, copying a new API token.
window.blazorContactInbox = {
    requestPermission: async () => ('Notification' in window) ? await Notification.requestPermission() : 'unsupported',
    notify: (title, body, tag) => {
        if ('Notification' in window && Notification.permission === 'granted') {
            const n = new Notification(title, { body, tag });
            n.onclick = () => { window.focus(); location.href = '/inbox?c=' + encodeURIComponent(tag); };
        }
    },
    setTitle: (title) => { document.title = title; },
    scrollToEnd: (id) => {
        // After the next layout: the reply box below the timeline may still grow in this render.
        requestAnimationFrame(() => {
            const element = document.getElementById(id);
            if (element) { element.scrollTop = element.scrollHeight; }
        });
    },
    // The API token dialog's copy button; throws (so the page says so) where the clipboard is refused.
    copy: (text) => navigator.clipboard.writeText(text)
};
