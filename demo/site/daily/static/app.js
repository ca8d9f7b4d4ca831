// demo bundle: nothing to hydrate
document.documentElement.classList.add('js');
