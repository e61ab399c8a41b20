// The archive's dates are the paper's own (Asia/Shanghai, the server's TIME_ZONE) and carry
// no time of day, so Django's calendar widget note "你比服务器时间滞后 8 个小时" only confuses an
// editor abroad (or a browser set to UTC). The widget still counts "今天" in the paper's time
// zone; only the note is left out. Deferred, so it runs before the widget's own set-up on load.
"use strict";
if (window.DateTimeShortcuts) {
    window.DateTimeShortcuts.addTimezoneWarning = function () {};
}
