// Runs in <head>, before the first paint: tells the stylesheet that scripts run, so that what
// qbank.js will show (the all-questions filter) takes its space from the start and nothing
// jumps when it appears (layout shift).
document.documentElement.classList.add("qb-js");
