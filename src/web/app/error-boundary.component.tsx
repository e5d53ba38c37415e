import { Component, type ErrorInfo, type ReactNode } from 'react';
import { AppFailed } from './app-failed.component';

/** Catches what a page throws while rendering (or a page chunk that failed to load after an update). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <AppFailed /> : this.props.children;
  }
}
