/**
 * Full screen for the projection stage: the Fullscreen API (with the WebKit prefix older Safari
 * needs), and `false` when neither is available or the browser refuses, so the page can fall back
 * to filling the window and say how to hide the browser's bars (F11).
 */
interface PrefixedElement {
	requestFullscreen?: () => Promise<void>;
	webkitRequestFullscreen?: () => void;
}
interface PrefixedDocument {
	fullscreenElement?: Element | null;
	webkitFullscreenElement?: Element | null;
	exitFullscreen?: () => Promise<void>;
	webkitExitFullscreen?: () => void;
}

export function fullscreenElement(doc: PrefixedDocument = document as PrefixedDocument): Element | null {
	return doc.fullscreenElement ?? doc.webkitFullscreenElement ?? null;
}

export async function enterFullscreen(el: PrefixedElement): Promise<boolean> {
	try {
		if (el.requestFullscreen) await el.requestFullscreen();
		else if (el.webkitRequestFullscreen) el.webkitRequestFullscreen();
		else return false;
		return true;
	} catch {
		return false;
	}
}

export async function exitFullscreen(doc: PrefixedDocument = document as PrefixedDocument): Promise<void> {
	if (!fullscreenElement(doc)) return;
	try {
		if (doc.exitFullscreen) await doc.exitFullscreen();
		else doc.webkitExitFullscreen?.();
	} catch {
		// Already left (the browser handles Escape itself).
	}
}
