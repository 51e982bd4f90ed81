// Small browser helpers the server asks for through JS interop.
window.portal = {
  soundEnabled: () => localStorage.getItem("portal.sound") !== "off",
  setSound: (on) => localStorage.setItem("portal.sound", on ? "on" : "off"),
  // A short two-tone chime made on the spot: no audio file to download or cache.
  beep: () => {
    try {
      const ctx = new (window.AudioContext || window.webkitAudioContext)();
      [880, 660].forEach((freq, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = freq;
        gain.gain.value = 0.15;
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + i * 0.18);
        osc.stop(ctx.currentTime + i * 0.18 + 0.16);
      });
    } catch (e) { /* no audio device: the visual alert still shows */ }
  },
};
