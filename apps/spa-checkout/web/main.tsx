import '@hosted-session/demo-checkout/checkout.css';
import './spa.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

// StrictMode mounts every component twice in development; the hosted fields must survive that cleanly.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
