import { NavLink, Outlet } from 'react-router';
import { ConnectionIndicator } from '@/components/connection-indicator';
import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { UserMenu } from '@/features/auth/components/user-menu';
import { DesktopNotifyToggle } from '@/features/notify/components/desktop-notify-toggle';
import { TimeZoneToggle } from '@/features/preferences/components/time-zone-toggle';
import { ApprovalLevelBadge } from '@/features/macro/components/approval-level-badge';
import { TradingStateBar } from '@/features/trading-state/components/trading-state-bar';
import { LiveSubscriptions } from './live-subscriptions';
import { PAGES } from './pages';

/**
 * The signed-in console around every page: header with the pages' nav, the approval level, the connection
 * indicator and the user with Logout, the trading-state bar, then the page at the URL. The live
 * subscriptions mount here, so they survive moving between pages.
 */
export function ConsoleLayout({ onLoggedOut }: { onLoggedOut: () => void }) {
  return (
    <>
      <LiveSubscriptions />
      <header className="top">
        <h1>Gamma</h1>
        <span className="subtitle">options desk console</span>
        <nav aria-label="Pages" className="pages-nav">
          {PAGES.map((page) => (
            <NavLink key={page.path} to={page.path} end={page.path === '/'}>
              {page.label}
            </NavLink>
          ))}
        </nav>
        <ApprovalLevelBadge />
        <ConnectionIndicator />
        <TimeZoneToggle />
        <DesktopNotifyToggle />
        <UserMenu onLoggedOut={onLoggedOut} />
      </header>
      <CardErrorBoundary name="Trading state">
        <TradingStateBar />
      </CardErrorBoundary>
      <Outlet />
    </>
  );
}
