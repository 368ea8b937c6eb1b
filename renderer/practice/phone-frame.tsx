import type { ReactNode } from 'react';
import { practiceStrings as s } from '../i18n/practice-strings';

/**
 * The simulated phone every practice step is drawn in: a frame, one bar with the app's name and a
 * badge saying it is a simulation, and the screen, which scrolls inside the frame when it is taller
 * than the window.
 */
export function PhoneFrame({ app, children }: { app: string; children: ReactNode }) {
  return (
    <div className="phone" data-testid="phone">
      <p className="phone-bar">
        <span className="phone-app">{app}</span>
        <span className="phone-sim">
          {s.simulated.vi} <span className="en">/ {s.simulated.en}</span>
        </span>
      </p>
      <div className="phone-screen" tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
